import { Migration } from '@mikro-orm/migrations';

export class Migration20261126110000DependenciesAndRisks extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    this.addSql(`create table ${s}.measure_dependency (
      predecessor_id uuid not null references ${s}.node (id),
      successor_id uuid not null references ${s}.node (id),
      created_at timestamptz not null,
      created_by text not null,
      primary key (successor_id, predecessor_id),
      check (predecessor_id <> successor_id)
    )`);
    this.addSql(
      `create index measure_dependency_predecessor_idx on ${s}.measure_dependency (predecessor_id)`,
    );
    this.addSql(`create table ${s}.risk (
      id uuid primary key,
      node_id uuid not null references ${s}.node (id),
      title text not null check (length(title) between 1 and 200),
      description text,
      probability smallint not null check (probability between 1 and 5),
      impact smallint not null check (impact between 1 and 5),
      mitigation text,
      owner_id text,
      status text not null check (status in ('open', 'closed')),
      version integer not null,
      created_at timestamptz not null, updated_at timestamptz not null,
      created_by text not null, updated_by text not null
    )`);
    this.addSql(`create index risk_node_idx on ${s}.risk (node_id, created_at)`);
  }
}
