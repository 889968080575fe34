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

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 11 per row. */
const INSERT_CHUNK = 1000;

function recordHash(r: Omit<StoredAuditRecord, 'hash'>): string {
  const body = canonicalJson({
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    actor: r.actor,
    objectType: r.object_type,
    objectId: r.object_id,
    action: r.action,
    changes: r.changes,
    correlationId: r.correlation_id,
    cause: r.cause,
  });
  return createHash('sha256')
    .update(`${r.prev_hash ?? ''}\n${body}`)
    .digest('hex');
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
    const latest = await this.latestHashes(sql, entries);
    const occurredAt = new Date();
    const rows = entries.map((entry) => {
      const objectKey = `${entry.objectType}\u0000${entry.objectId}`;
      const record = {
        id: uuidv7(),
        occurred_at: occurredAt,
        actor: context.actor,
        object_type: entry.objectType,
        object_id: entry.objectId,
        action: entry.action,
        changes: JSON.parse(JSON.stringify(entry.changes)) as FieldChanges,
        correlation_id: context.correlationId,
        cause: context.cause ?? null,
        prev_hash: latest.get(objectKey) ?? null,
      };
      const hash = recordHash(record);
      latest.set(objectKey, hash);
      return { ...record, hash };
    });
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        params.push(
          r.id,
          r.occurred_at,
          r.actor,
          r.object_type,
          r.object_id,
          r.action,
          JSON.stringify(r.changes),
        );
        params.push(r.correlation_id, r.cause, r.prev_hash, r.hash);
        const b = params.length - 11;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::jsonb, $${b + 8}, $${b + 9}, $${b + 10}, $${b + 11})`;
      });
      await sql.query(
        `insert into ${this.table}
           (id, occurred_at, actor, object_type, object_id, action, changes, correlation_id, cause, prev_hash, hash)
         values ${tuples.join(', ')}`,
        params,
      );
    }
  }

  /** The newest hash of each object the entries touch; the objects' row locks keep it current. */
  private async latestHashes(sql: SqlClient, entries: AuditEntry[]): Promise<Map<string, string>> {
    const objects = [...new Map(entries.map((e) => [`${e.objectType}\u0000${e.objectId}`, e])).values()];
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
      `select id, occurred_at, actor, object_type, object_id, action, changes, correlation_id, cause, prev_hash, hash
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
