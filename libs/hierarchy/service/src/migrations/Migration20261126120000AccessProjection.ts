import { Migration } from '@mikro-orm/migrations';
import { accessProjectionSql } from '@steerco/platform-persistence';

/** The projection of identity's users, custom roles and assignments that authorization reads. */
export class Migration20261126120000AccessProjection extends Migration {
  override async up(): Promise<void> {
    for (const statement of accessProjectionSql(this.config.get('schema') as string)) this.addSql(statement);
  }
}
