import { assertSchemaName } from '@steerco/platform-messaging';

/**
 * The tables of a service's projection of identity (users, custom roles, role assignments), fed by the
 * identity events, so authorization needs no call to the identity service. `version` of a user moves on
 * with every change that can alter what they may do: a service caches abilities by it and reads it on
 * every request, so a revocation or a disabling is enforced as soon as its event is consumed, on every
 * replica. `access_epoch` moves on when something outside these tables changes the meaning of an
 * assignment (a node moved, so the paths it covers changed).
 */
export function accessProjectionSql(schema: string): string[] {
  const s = `"${assertSchemaName(schema)}"`;
  return [
    `create table ${s}.access_user (
       id uuid primary key,
       status text not null,
       platform_admin boolean not null default false,
       version bigint not null default 1
     )`,
    `create table ${s}.access_role (
       id uuid primary key,
       definition jsonb not null
     )`,
    `create table ${s}.access_assignment (
       id uuid primary key,
       user_id uuid not null,
       role_id text not null,
       node_id uuid not null,
       valid_until timestamptz
     )`,
    `create index access_assignment_user_idx on ${s}.access_assignment (user_id)`,
    `create index access_assignment_role_idx on ${s}.access_assignment (role_id)`,
    `create table ${s}.access_epoch (singleton boolean primary key default true check (singleton), epoch bigint not null)`,
    `insert into ${s}.access_epoch (epoch) values (1)`,
  ];
}

/** The channel a service's access projection notifies when a user's access version or the epoch moves. */
export function accessChangeChannel(schema: string): string {
  return `steerco_access_${assertSchemaName(schema)}`;
}

/**
 * Statement triggers that notify `accessChangeChannel` whenever a user's row or the epoch changes, so each
 * replica can keep users' access versions in memory instead of reading them on every request
 * (`AccessVersionCache`). NOTIFY is sent at commit, and repeats within one transaction fold into one.
 */
export function accessChangeNotifySql(schema: string): string[] {
  const s = `"${assertSchemaName(schema)}"`;
  const channel = accessChangeChannel(schema);
  return [
    `create function ${s}.notify_access_change() returns trigger language plpgsql as $$
       begin
         perform pg_notify('${channel}', '');
         return null;
       end
     $$`,
    ...['access_user', 'access_epoch'].map(
      (table) =>
        `create trigger ${table}_changed after insert or update or delete or truncate on ${s}.${table}
           for each statement execute function ${s}.notify_access_change()`,
    ),
  ];
}
