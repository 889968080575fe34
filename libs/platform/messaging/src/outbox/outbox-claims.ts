import { assertSchemaName, type SqlClient } from '../sql/sql-client';
import type { OutboxRow } from './outbox-row';

/**
 * The SQL of claiming and settling outbox rows. Claims are leases (claimed_by, claimed_until) taken with
 * FOR UPDATE SKIP LOCKED, so relay replicas never take the same row. A row is held back while an earlier
 * pending row of the same key is not in the same claim: otherwise two replicas could publish one aggregate's
 * events out of order. Rows are tracked by status, never by "seq greater than the last one seen", which would
 * skip rows whose transaction commits late.
 */
export class OutboxClaims {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
    private readonly relayId: string,
  ) {
    this.table = `"${assertSchemaName(schema)}".outbox_event`;
  }

  async claim(limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const t = this.table;
    return this.sql.query<OutboxRow>(
      `with candidates as (
         select id, key, seq from ${t}
          where status = 'pending' and (claimed_until is null or claimed_until < now())
          order by seq
          limit $1
          for update skip locked
       ), ready as (
         select c.id from candidates c
          where not exists (
            select 1 from ${t} p
             where p.key = c.key and p.status = 'pending' and p.seq < c.seq
               and p.id not in (select id from candidates))
       )
       update ${t} o
          set claimed_by = $2, claimed_until = now() + ($3 || ' milliseconds')::interval, attempts = o.attempts + 1
         from ready r
        where o.id = r.id
       returning o.id, o.seq, o.topic, o.key, o.type, o.source, o.subject, o.aggregate_version, o.actor,
                 o.correlation_id, o.traceparent, o.tracestate, o.occurred_at, o.payload, o.attempts`,
      // Not prepared: after five runs PostgreSQL may keep a generic plan, and without the limit's value
      // that plan checked every pending row against every other (8 s per claim with 100,000 pending after
      // an import, instead of milliseconds).
      [limit, this.relayId, String(leaseMs)],
    );
  }

  /**
   * Deletes up to `limit` published rows older than `retentionSeconds`, oldest first; returns how many.
   * Pending rows are never touched, whatever their age: an event that could not be published yet must stay.
   */
  async prunePublished(retentionSeconds: number, limit: number): Promise<number> {
    const rows = await this.sql.query<{ seq: string }>(
      `delete from ${this.table}
        where seq in (select seq from ${this.table}
                       where status = 'published' and published_at < now() - make_interval(secs => $1)
                       order by seq limit $2)
       returning seq`,
      [retentionSeconds, limit],
    );
    return rows.length;
  }

  async markPublished(ids: string[]): Promise<void> {
    await this.sql.query(
      `update ${this.table}
          set status = 'published', published_at = now(), claimed_by = null, claimed_until = null, last_error = null
        where id = any($1::uuid[]) and claimed_by = $2`,
      [ids, this.relayId],
      { prepare: true },
    );
  }

  /**
   * Gives rows back after a failed publish. They stay pending: a broker outage must only delay events, and a
   * row that keeps failing holds back only its own aggregate (attempts and last_error show it to operators).
   */
  async release(ids: string[], error: string): Promise<void> {
    await this.sql.query(
      `update ${this.table}
          set claimed_by = null, claimed_until = null, last_error = $3
        where id = any($1::uuid[]) and claimed_by = $2`,
      [ids, this.relayId, error.slice(0, 2000)],
    );
  }

  async oldestPendingAgeSeconds(): Promise<number> {
    const [row] = await this.sql.query<{ age: number | null }>(
      `select extract(epoch from now() - min(created_at))::float8 as age from ${this.table} where status = 'pending'`,
    );
    return row?.age ?? 0;
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.sql.query<{ status: string; n: string }>(
      `select status, count(*) as n from ${this.table} group by status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
