import { Migration } from '@mikro-orm/migrations';
import { platformTablesSql } from './platform-tables.sql';

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

export const platformMigrations = [
  { name: 'Migration00000000000000PlatformTables', class: Migration00000000000000PlatformTables },
];
