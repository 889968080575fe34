import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ServiceName } from '@steerco/contracts';
import {
  OutboxWriter,
  type OutboxSignal,
  type PendingEvent,
  type SqlClient,
} from '@steerco/platform-messaging';
import { currentContext, SYSTEM_ACTOR, type RequestContext } from '@steerco/platform-observability';
import { randomUUID } from 'node:crypto';
import { AuditTrail, type AuditEntry, type GuardStatement } from '../audit/audit-trail';
import { emSqlClient } from '../orm/em-sql-client';
import { pooledSqlClient, withPooledTransaction, type PooledSqlOptions } from './pooled-transaction';

export type EmittedEvent = Omit<PendingEvent, 'actor' | 'correlationId'>;

/** What a change records besides its own rows: audit records and events, in the request's context. */
export interface RecordingScope {
  context: RequestContext;
  audit(entry: AuditEntry): void;
  emit(event: EmittedEvent): void;
}

/** What a use case gets inside its transaction when it works through SQL only. */
export interface SqlTransactionScope extends RecordingScope {
  sql: SqlClient;
}

/** What a use case gets inside its transaction. */
export interface TransactionScope extends SqlTransactionScope {
  em: EntityManager;
}

/** How a unit of work is set up besides its ORM, service and schema. */
export interface UnitOfWorkOptions extends PooledSqlOptions {
  /** Raised after each commit that wrote events: it wakes the schema's outbox relay in this process. */
  outboxSignal?: OutboxSignal;
}

/** Events per outbox statement; the writer chunks larger batches itself. */
const ONE_STATEMENT_EVENTS = 1000;

/**
 * Runs a business change as one database transaction: the entity changes, their audit records and their
 * outbox events commit together or not at all. Audit and outbox rows are written after the entities are
 * flushed, still inside the transaction.
 */
export class UnitOfWork {
  readonly auditTrail: AuditTrail;
  private readonly outbox: OutboxWriter;

  private readonly sqlOptions: PooledSqlOptions;
  private readonly outboxSignal?: OutboxSignal;

  /**
   * `options.preparedStatements` (default true): the hottest statements are kept prepared on each pooled
   * connection; turn it off behind a connection pooler in transaction mode (DATABASE_PREPARED_STATEMENTS).
   * `options.outboxSignal`: raised after every commit that wrote events.
   */
  constructor(
    private readonly orm: MikroORM,
    service: ServiceName,
    schema: string,
    options: Partial<UnitOfWorkOptions> = {},
  ) {
    this.sqlOptions = { preparedStatements: options.preparedStatements ?? true };
    this.outboxSignal = options.outboxSignal;
    this.auditTrail = new AuditTrail(schema);
    this.outbox = new OutboxWriter(service, schema);
  }

  /** A change through MikroORM entities: the identity map is flushed before the audit and outbox rows. */
  async run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const context = currentContext() ?? { correlationId: randomUUID(), actor: SYSTEM_ACTOR };
    const recorded = new RecordedChanges();
    const result = await this.orm.em.fork().transactional(async (em) => {
      const sql = emSqlClient(em as EntityManager);
      const result = await work({ em: em as EntityManager, sql, context, ...recorded.collectors() });
      await em.flush();
      await this.writeRecords(sql, context, recorded);
      return result;
    });
    this.committed(recorded.events.length);
    return result;
  }

  /**
   * A change written in SQL, on a connection of the same pool but without the ORM's transaction machinery
   * or identity map: for hot single-row commands, where the ORM's fork, find and flush cost more CPU than
   * the database work (docs/benchmarks.md, write path; docs/adr/0009-sql-lane-for-hot-commands.md).
   */
  async runSql<T>(work: (scope: SqlTransactionScope) => Promise<T>): Promise<T> {
    const context = currentContext() ?? { correlationId: randomUUID(), actor: SYSTEM_ACTOR };
    const recorded = new RecordedChanges();
    const result = await withPooledTransaction(this.orm, this.sqlOptions, async (sql) => {
      const result = await work({ sql, context, ...recorded.collectors() });
      await this.writeRecords(sql, context, recorded);
      return result;
    });
    this.committed(recorded.events.length);
    return result;
  }

  /**
   * A change that is one statement, with no transaction around it. `change` records one audit record and its
   * events and returns the guard: an UPDATE ... RETURNING whose conditions re-check what the caller read,
   * such as the row's version. The guard, and only if it returns a row the record and the events, go in a
   * single round trip. Returns whether the guard matched; if not, nothing was written and the caller reads
   * again. For the hottest commands, where each round trip to the database costs more than the rest of the
   * request (docs/adr/0012-guarded-single-statement-updates.md).
   */
  async runGuarded(change: (scope: RecordingScope) => GuardStatement): Promise<boolean> {
    const context = currentContext() ?? { correlationId: randomUUID(), actor: SYSTEM_ACTOR };
    const recorded = new RecordedChanges();
    const guard = change({ context, ...recorded.collectors() });
    const [audit, ...more] = recorded.audits;
    if (!audit || more.length > 0 || recorded.events.length > ONE_STATEMENT_EVENTS) {
      throw new Error('a guarded change records exactly one audit record and at most 1,000 events');
    }
    const events = this.withContext(recorded.events, context);
    const companion =
      events.length > 0
        ? (first: number, onlyIf?: string) => this.outbox.insertStatement(events, first, onlyIf)
        : undefined;
    const applied = await this.auditTrail.appendOneIf(
      pooledSqlClient(this.orm, this.sqlOptions),
      guard,
      audit,
      context,
      companion,
    );
    if (applied) this.committed(events.length);
    return applied;
  }

  /** A read-only fork for queries. */
  reader(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** Read-only SQL, each statement on a connection of the pool, outside any transaction. */
  sqlReader(): SqlClient {
    return pooledSqlClient(this.orm, this.sqlOptions);
  }

  /**
   * The common command (one object changed, a few events) costs one statement: the audit record and its
   * events go together. Batches (an import) go in chunked multi-row inserts.
   */
  private async writeRecords(sql: SqlClient, context: RequestContext, recorded: RecordedChanges) {
    const events = this.withContext(recorded.events, context);
    if (recorded.audits.length === 1 && events.length <= ONE_STATEMENT_EVENTS) {
      const companion =
        events.length > 0 ? (first: number) => this.outbox.insertStatement(events, first) : undefined;
      await this.auditTrail.appendOne(sql, recorded.audits[0], context, companion);
      return;
    }
    await this.auditTrail.append(sql, recorded.audits, context);
    await this.outbox.append(sql, events);
  }

  /** After a commit: the relay is woken only when there is something to publish. */
  private committed(events: number): void {
    if (events > 0) this.outboxSignal?.raise();
  }

  private withContext(events: EmittedEvent[], context: RequestContext): PendingEvent[] {
    return events.map((e) => ({ ...e, actor: context.actor, correlationId: context.correlationId }));
  }
}

class RecordedChanges {
  readonly audits: AuditEntry[] = [];
  readonly events: EmittedEvent[] = [];

  collectors() {
    return {
      audit: (entry: AuditEntry) => void this.audits.push(entry),
      emit: (event: EmittedEvent) => void this.events.push(event),
    };
  }
}
