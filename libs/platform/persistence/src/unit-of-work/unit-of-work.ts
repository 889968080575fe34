import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ServiceName } from '@steerco/contracts';
import { OutboxWriter, type PendingEvent, type SqlClient } from '@steerco/platform-messaging';
import { currentContext, SYSTEM_ACTOR, type RequestContext } from '@steerco/platform-observability';
import { randomUUID } from 'node:crypto';
import { AuditTrail, type AuditEntry } from '../audit/audit-trail';
import { emSqlClient } from '../orm/em-sql-client';

export type EmittedEvent = Omit<PendingEvent, 'actor' | 'correlationId'>;

/** What a use case gets inside its transaction. */
export interface TransactionScope {
  em: EntityManager;
  sql: SqlClient;
  context: RequestContext;
  audit(entry: AuditEntry): void;
  emit(event: EmittedEvent): void;
}

/**
 * Runs a business change as one database transaction: the entity changes, their audit records and their
 * outbox events commit together or not at all. Audit and outbox rows are written after the entities are
 * flushed, still inside the transaction.
 */
export class UnitOfWork {
  readonly auditTrail: AuditTrail;
  private readonly outbox: OutboxWriter;

  constructor(
    private readonly orm: MikroORM,
    service: ServiceName,
    schema: string,
  ) {
    this.auditTrail = new AuditTrail(schema);
    this.outbox = new OutboxWriter(service, schema);
  }

  async run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const context = currentContext() ?? { correlationId: randomUUID(), actor: SYSTEM_ACTOR };
    return this.orm.em.fork().transactional(async (em) => {
      const audits: AuditEntry[] = [];
      const events: EmittedEvent[] = [];
      const sql = emSqlClient(em as EntityManager);
      const result = await work({
        em: em as EntityManager,
        sql,
        context,
        audit: (entry) => audits.push(entry),
        emit: (event) => events.push(event),
      });
      await em.flush();
      await this.auditTrail.append(sql, audits, context);
      await this.outbox.append(
        sql,
        events.map((e) => ({ ...e, actor: context.actor, correlationId: context.correlationId })),
      );
      return result;
    });
  }

  /** A read-only fork for queries. */
  reader(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}
