import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { assertSchemaName, type SqlClient } from '@steerco/platform-messaging';
import { canonicalJson } from './canonical-json';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  objectType: string;
  objectId: string;
  action: string;
  changes: FieldChanges;
  /**
   * The object was created in this transaction, so its chain starts here and there is no previous hash to
   * look up (an import creates tens of thousands at once). A wrong claim shows as a broken chain.
   */
  newObject?: boolean;
}

export interface AuditContext {
  actor: string;
  correlationId: string;
  cause?: string;
}

interface StoredAuditRecord {
  id: string;
  occurred_at: Date;
  actor: string;
  object_type: string;
  object_id: string;
  action: string;
  changes: FieldChanges;
  correlation_id: string;
  cause: string | null;
  prev_hash: string | null;
  hash: string;
}

const AUDIT_COLUMNS = [
  'id',
  'occurred_at',
  'actor',
  'object_type',
  'object_id',
  'action',
  'changes',
  'correlation_id',
  'cause',
  'prev_hash',
  'hash',
] as const;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 11 per row. */
const INSERT_CHUNK = 1000;

/**
 * A statement sent in the same round trip as an audit record; its placeholders start at `firstParam`, and
 * with `onlyIf` (an SQL condition) it writes only where that condition holds.
 */
export type CompanionStatement = (firstParam: number, onlyIf?: string) => { sql: string; params: unknown[] };

/**
 * A data-modifying statement with RETURNING (placeholders from $1) that decides whether a change happens: the
 * change is made if it returns a row.
 */
export interface GuardStatement {
  sql: string;
  params: unknown[];
}

export type NewRecord = Omit<StoredAuditRecord, 'hash' | 'prev_hash'>;

function newRecord(entry: AuditEntry, context: AuditContext, occurredAt: Date): NewRecord {
  return {
    id: uuidv7(),
    occurred_at: occurredAt,
    actor: context.actor,
    object_type: entry.objectType,
    object_id: entry.objectId,
    action: entry.action,
    // No copy: canonicalJson hashes exactly what JSON.stringify stores.
    changes: entry.changes,
    correlation_id: context.correlationId,
    cause: context.cause ?? null,
  };
}

/**
 * The record's values in AUDIT_COLUMNS order, up to (not including) the two hash columns. The changes go in
 * as their canonical JSON, the text the hash covers: rendered once per record, not twice.
 */
function recordValues(r: NewRecord, changesJson: string): unknown[] {
  return [
    r.id,
    r.occurred_at,
    r.actor,
    r.object_type,
    r.object_id,
    r.action,
    changesJson,
    r.correlation_id,
    r.cause,
  ];
}

/**
 * `,"key":value` in canonical JSON for a text or null, or nothing for an undefined value (as canonicalJson
 * leaves it out). For these canonicalJson is JSON.stringify, called here directly because a record has
 * eight of them and an import hashes 100,000 records.
 */
function member(key: string, value: string | null | undefined): string {
  if (value === undefined) return '';
  return `,"${key}":${value === null ? 'null' : JSON.stringify(value)}`;
}

/**
 * What a record's hash covers besides its predecessor's hash: the canonical JSON of
 * `{ id, occurredAt, actor, objectType, objectId, action, changes, correlationId, cause }`, written out
 * key by key in canonicalJson's order so the changes, already rendered, are spliced in as they are.
 */
export function recordBody(r: NewRecord, changesJson = canonicalJson(r.changes)): string {
  return (
    `{"action":${JSON.stringify(r.action)}${member('actor', r.actor)}${member('cause', r.cause)}` +
    `,"changes":${changesJson}${member('correlationId', r.correlation_id)}${member('id', r.id)}` +
    `${member('objectId', r.object_id)}${member('objectType', r.object_type)}` +
    `,"occurredAt":${JSON.stringify(r.occurred_at.toISOString())}}`
  );
}

function chainHash(prevHash: string | null, body: string): string {
  return createHash('sha256')
    .update(`${prevHash ?? ''}\n${body}`)
    .digest('hex');
}

function recordHash(r: Omit<StoredAuditRecord, 'hash'>): string {
  return chainHash(r.prev_hash, recordBody(r));
}

/**
 * The append-only audit trail of a service schema. Each object's records form a hash chain: every record
 * hashes its content with its predecessor's hash, so editing or removing a record breaks the chain.
 * The chain is per object because the object's own row lock already serialises its writers; a global chain
 * would serialise every write of the service.
 */
export class AuditTrail {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${assertSchemaName(schema)}".audit_record`;
  }

  /**
   * Appends records in a few statements whatever their number (a bulk import writes thousands): the latest
   * hash of every object is read at once, records chain on in memory, and rows go in by the thousand.
   */
  async append(sql: SqlClient, entries: AuditEntry[], context: AuditContext): Promise<void> {
    if (entries.length === 0) return;
    const rows = this.chainedRows(entries, context, await this.latestHashes(sql, entries));
    if (sql.copyRows) {
      // Streamed: each record is hashed while the database ingests the ones before it.
      await sql.copyRows(this.table, AUDIT_COLUMNS, rows);
      return;
    }
    const values = [...rows];
    for (let start = 0; start < values.length; start += INSERT_CHUNK) {
      const chunk = values.slice(start, start + INSERT_CHUNK);
      const tuples = chunk.map((_, i) => {
        const b = i * AUDIT_COLUMNS.length;
        return `(${AUDIT_COLUMNS.map((c, n) => `$${b + n + 1}${c === 'changes' ? '::json' : ''}`).join(', ')})`;
      });
      await sql.query(
        `insert into ${this.table} (${AUDIT_COLUMNS.join(', ')}) values ${tuples.join(', ')}`,
        chunk.flat(),
      );
    }
  }

  /** The records of `entries` in AUDIT_COLUMNS order, each chained onto its object's previous hash. */
  private *chainedRows(
    entries: AuditEntry[],
    context: AuditContext,
    latest: Map<string, string>,
  ): Generator<unknown[]> {
    const occurredAt = new Date();
    for (const entry of entries) {
      const objectKey = `${entry.objectType}\u0000${entry.objectId}`;
      const record = newRecord(entry, context, occurredAt);
      const prevHash = latest.get(objectKey) ?? null;
      const changesJson = canonicalJson(record.changes);
      const hash = chainHash(prevHash, recordBody(record, changesJson));
      latest.set(objectKey, hash);
      yield [...recordValues(record, changesJson), prevHash, hash];
    }
  }

  /**
   * Appends one record in a single statement that PostgreSQL chains itself: it reads the object's latest
   * hash and computes `sha256(prev + "\n" + body)`, the same formula as `append`, so `verify` checks both.
   * A `companion` statement (the command's outbox insert) rides in the same round trip. A single-object
   * command thus saves two of its round trips (docs/benchmarks.md, write path).
   */
  async appendOne(
    sql: SqlClient,
    entry: AuditEntry,
    context: AuditContext,
    companion?: CompanionStatement,
  ): Promise<void> {
    const record = this.oneRecord(entry, context, 1);
    const next = companion?.(record.params.length + 1);
    // Prepared: its text depends only on the companion's shape (how many events), a handful per service.
    await sql.query(
      `with ${record.ctes} ${next ? next.sql : 'select 1'}`,
      next ? [...record.params, ...next.params] : record.params,
      { prepare: true },
    );
  }

  /**
   * The guarded form of `appendOne`, for a change that is a single statement outside any transaction
   * (docs/adr/0012-guarded-single-statement-updates.md): `guard`, a data-modifying statement with RETURNING
   * whose conditions re-check what the caller read, runs in the same statement, and the record and the
   * companion are written only if it returned a row. Returns whether it did; if not, nothing was written.
   * The statement is prepared, so the guard's text must not vary with the data.
   *
   * The latest hash comes from the statement's snapshot. That is the object's latest record whenever the
   * guard matches, provided every writer of the object's records also changes the row the guard checks (its
   * version): a writer that committed after the caller's read makes the guard fail instead.
   */
  async appendOneIf(
    sql: SqlClient,
    guard: GuardStatement,
    entry: AuditEntry,
    context: AuditContext,
    companion?: CompanionStatement,
  ): Promise<boolean> {
    const onlyIf = 'exists (select 1 from guard)';
    const record = this.oneRecord(entry, context, guard.params.length + 1, onlyIf);
    const next = companion?.(guard.params.length + record.params.length + 1, onlyIf);
    const rows = await sql.query<{ applied: number }>(
      `with guard as (${guard.sql}), ${record.ctes}${next ? `, companion as (${next.sql})` : ''}
       select count(*)::int as applied from guard`,
      [...guard.params, ...record.params, ...(next?.params ?? [])],
      // Prepared: planning this statement cost PostgreSQL more than running it (docs/benchmarks.md).
      { prepare: true },
    );
    return (rows[0]?.applied ?? 0) > 0;
  }

  /**
   * The CTEs `prev` and `audit` that append one record hashed in SQL, placeholders from `firstParam`, the
   * insert made only where `onlyIf` holds.
   */
  private oneRecord(entry: AuditEntry, context: AuditContext, firstParam: number, onlyIf?: string) {
    const record = newRecord(entry, context, new Date());
    const changesJson = canonicalJson(record.changes);
    const params: unknown[] = [...recordValues(record, changesJson), recordBody(record, changesJson)];
    const p = (n: number) => `$${firstParam + n - 1}`;
    const ctes = `prev as (
         select hash from ${this.table} where object_type = ${p(4)} and object_id = ${p(5)} order by seq desc limit 1
       ), audit as (
         insert into ${this.table}
           (${AUDIT_COLUMNS.join(', ')})
         select ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}::json, ${p(8)}, ${p(9)}, (select hash from prev),
                encode(sha256(convert_to(coalesce((select hash from prev), '') || E'\n' || ${p(10)}::text, 'UTF8')), 'hex')
         ${onlyIf ? `where ${onlyIf}` : ''}
       )`;
    return { ctes, params };
  }

  /** The newest hash of each object the entries touch; the objects' row locks keep it current. */
  private async latestHashes(sql: SqlClient, entries: AuditEntry[]): Promise<Map<string, string>> {
    const objects = [
      ...new Map(
        entries.filter((e) => !e.newObject).map((e) => [`${e.objectType}\u0000${e.objectId}`, e]),
      ).values(),
    ];
    const latest = new Map<string, string>();
    for (let start = 0; start < objects.length; start += INSERT_CHUNK) {
      const chunk = objects.slice(start, start + INSERT_CHUNK);
      const params = chunk.flatMap((o) => [o.objectType, o.objectId]);
      const pairs = chunk.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
      const rows = await sql.query<{ object_type: string; object_id: string; hash: string }>(
        `select distinct on (object_type, object_id) object_type, object_id, hash
           from ${this.table} where (object_type, object_id) in (${pairs})
          order by object_type, object_id, seq desc`,
        params,
      );
      for (const r of rows) latest.set(`${r.object_type}\u0000${r.object_id}`, r.hash);
    }
    return latest;
  }

  async history(sql: SqlClient, objectType: string, objectId: string): Promise<StoredAuditRecord[]> {
    const rows = await sql.query<StoredAuditRecord>(
      `select ${AUDIT_COLUMNS.join(', ')}
         from ${this.table} where object_type = $1 and object_id = $2 order by seq`,
      [objectType, objectId],
    );
    // Drivers differ (the ORM connection parses timestamps to strings): normalise before hashing or mapping.
    return rows.map((row) => ({ ...row, occurred_at: new Date(row.occurred_at) }));
  }

  /** Recomputes an object's chain; names the first record whose content or link does not match. */
  async verify(
    sql: SqlClient,
    objectType: string,
    objectId: string,
  ): Promise<{ valid: boolean; brokenAt?: string }> {
    let previousHash: string | null = null;
    for (const record of await this.history(sql, objectType, objectId)) {
      if (record.prev_hash !== previousHash || recordHash(record) !== record.hash) {
        return { valid: false, brokenAt: record.id };
      }
      previousHash = record.hash;
    }
    return { valid: true };
  }
}
