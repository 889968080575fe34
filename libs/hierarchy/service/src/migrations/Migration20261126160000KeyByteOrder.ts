import { Migration } from '@mikro-orm/migrations';

/**
 * Human keys are codes (PF-12, M-000123): they sort by their bytes whatever the database's locale, so a
 * list's order and its cursor no longer depend on how the server was initialised. Byte comparison also lets
 * PostgreSQL sort keys without the locale library, which makes sorting a scoped page several times faster
 * (docs/benchmarks.md, authorization). The key indexes are rebuilt with the column.
 */
export class Migration20261126160000KeyByteOrder extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "${this.config.get('schema') as string}".node alter column key type text collate "C"`,
    );
  }
}
