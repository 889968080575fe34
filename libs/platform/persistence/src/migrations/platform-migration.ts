import { Migration } from '@mikro-orm/migrations';
import { dropOutboxNotifySql, outboxNotifySql, platformTablesSql } from './platform-tables.sql';

/** First migration of every service: outbox, consumed messages, audit trail. */
export class Migration00000000000000PlatformTables extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') as string;
    for (const statement of platformTablesSql(schema)) this.addSql(statement);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') as string;
    this.addSql(
      `drop table if exists "${schema}".audit_record, "${schema}".consumed_message, "${schema}".outbox_event`,
    );
  }
}

/**
 * Audit changes and outbox payloads as `json`, the text as written, instead of `jsonb`
 * (docs/adr/0013-json-text-for-audit-and-outbox.md). Rewrites both tables once.
 */
export class Migration00000000000001JsonText extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') as string;
    this.addSql(`alter table "${schema}".audit_record alter column changes type json`);
    this.addSql(`alter table "${schema}".outbox_event alter column payload type json`);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') as string;
    this.addSql(`alter table "${schema}".audit_record alter column changes type jsonb`);
    this.addSql(`alter table "${schema}".outbox_event alter column payload type jsonb`);
  }
}

/**
 * The outbox insert trigger's NOTIFY goes: it made every writing transaction take a database-wide lock at
 * commit and hold it through the WAL flush. The unit of work wakes its relay in-process instead
 * (docs/adr/0015-in-process-outbox-wake-up.md).
 */
export class Migration00000000000002OutboxWakeInProcess extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') as string;
    for (const statement of dropOutboxNotifySql(schema)) this.addSql(statement);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') as string;
    for (const statement of outboxNotifySql(schema)) this.addSql(statement);
  }
}

export const platformMigrations = [
  { name: 'Migration00000000000000PlatformTables', class: Migration00000000000000PlatformTables },
  { name: 'Migration00000000000001JsonText', class: Migration00000000000001JsonText },
  {
    name: 'Migration00000000000002OutboxWakeInProcess',
    class: Migration00000000000002OutboxWakeInProcess,
  },
];
