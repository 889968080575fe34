import { Migration } from '@mikro-orm/migrations';
import { accessChangeNotifySql } from '@steerco/platform-persistence';

/** Access changes notify each replica, which keeps users' access versions in memory (ADR 0011). */
export class Migration20261126150000AccessChangeNotify extends Migration {
  override async up(): Promise<void> {
    for (const statement of accessChangeNotifySql(this.config.get('schema') as string))
      this.addSql(statement);
  }
}
