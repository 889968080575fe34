import { Migration } from '@mikro-orm/migrations';
import { NODE_LEVELS } from '@steerco/hierarchy-domain';

export class Migration20261126100000NodeTable extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    // ltree is a trusted extension: the database owner may create it without superuser rights.
    this.addSql('create extension if not exists ltree');
    this.addSql(`create table ${s}.node (
      id uuid primary key,
      key text not null unique,
      level text not null check (level in (${NODE_LEVELS.map((l) => `'${l}'`).join(', ')})),
      parent_id uuid references ${s}.node (id),
      path ltree not null,
      title text not null check (length(title) between 1 and 200),
      description text,
      owner_id text, deputy_id text, sponsor_id text, controller_id text,
      business_unit text, "function" text, legal_entity text, region text, cost_centre text,
      measure_kind text, customer_ref text,
      tags text[] not null default '{}',
      archived boolean not null default false,
      version integer not null,
      created_at timestamptz not null, updated_at timestamptz not null,
      created_by text not null, updated_by text not null,
      check ((level = 'organization') = (parent_id is null))
    )`);
    this.addSql(`create index node_parent_idx on ${s}.node (parent_id, key)`);
    this.addSql(`create index node_path_gist_idx on ${s}.node using gist (path)`);
    this.addSql(`create index node_level_idx on ${s}.node (level, key)`);
    for (const level of NODE_LEVELS) this.addSql(`create sequence ${s}."node_key_${level.toLowerCase()}"`);
  }
}
