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

  async append(sql: SqlClient, entries: AuditEntry[], context: AuditContext): Promise<void> {
    for (const entry of entries) {
      const [previous] = await sql.query<{ hash: string }>(
        `select hash from ${this.table} where object_type = $1 and object_id = $2 order by seq desc limit 1`,
        [entry.objectType, entry.objectId],
      );
      const record = {
        id: uuidv7(),
        occurred_at: new Date(),
        actor: context.actor,
        object_type: entry.objectType,
        object_id: entry.objectId,
        action: entry.action,
        changes: JSON.parse(JSON.stringify(entry.changes)) as FieldChanges,
        correlation_id: context.correlationId,
        cause: context.cause ?? null,
        prev_hash: previous?.hash ?? null,
      };
      await sql.query(
        `insert into ${this.table}
           (id, occurred_at, actor, object_type, object_id, action, changes, correlation_id, cause, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)`,
        [
          record.id,
          record.occurred_at,
          record.actor,
          record.object_type,
          record.object_id,
          record.action,
          JSON.stringify(record.changes),
          record.correlation_id,
          record.cause,
          record.prev_hash,
          recordHash(record),
        ],
      );
    }
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
