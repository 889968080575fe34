import { Migration } from '@mikro-orm/migrations';

/**
 * Single sign-on through OIDC providers (libs/identity/service/src/oidc, ADR 0010): the providers an admin
 * configured, their group mappings, the external identities linked to users, the pending logins (state,
 * nonce, PKCE verifier) and which role assignments a group mapping granted.
 */
export class Migration20261204100000OidcSingleSignOn extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    this.addSql(`create table ${s}.oidc_provider (
      id uuid primary key,
      display_name text not null check (length(display_name) between 1 and 200),
      issuer_url text not null,
      client_id text not null,
      client_secret text not null,
      scopes text[] not null,
      group_claim text not null default 'groups',
      enabled boolean not null,
      version integer not null,
      created_at timestamptz not null, updated_at timestamptz not null,
      created_by text not null, updated_by text not null
    )`);

    // role_id is a built-in key or a custom role id (as in role_assignment); node_id a hierarchy node.
    this.addSql(`create table ${s}.oidc_group_mapping (
      id uuid primary key,
      provider_id uuid not null references ${s}.oidc_provider (id) on delete cascade,
      group_value text not null check (length(group_value) between 1 and 500),
      role_id text not null,
      node_id uuid not null,
      created_at timestamptz not null,
      created_by text not null,
      unique (provider_id, group_value, role_id, node_id)
    )`);

    // A provider with linked identities cannot be deleted (restrict): disable it instead.
    this.addSql(`create table ${s}.oidc_identity (
      provider_id uuid not null references ${s}.oidc_provider (id),
      subject text not null,
      user_id uuid not null references ${s}.user_account (id),
      linked_by text not null check (linked_by in ('created', 'verified-email')),
      linked_at timestamptz not null,
      last_login_at timestamptz not null,
      primary key (provider_id, subject)
    )`);
    this.addSql(`create index oidc_identity_user_idx on ${s}.oidc_identity (user_id)`);

    // One row per authorization request; the callback consumes it once. Looked up by the hash of the state.
    this.addSql(`create table ${s}.oidc_login_attempt (
      state_hash text primary key,
      provider_id uuid not null references ${s}.oidc_provider (id) on delete cascade,
      nonce text not null,
      code_verifier text not null,
      return_to text not null,
      browser_binding_hash text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      consumed_at timestamptz
    )`);
    this.addSql(`create index oidc_login_attempt_expiry_idx on ${s}.oidc_login_attempt (expires_at)`);

    // The marker of assignments that exist because of a group mapping: only these are revoked when the group
    // disappears from the user's claims. A revoked assignment (row deleted) takes its marker with it.
    this.addSql(`create table ${s}.oidc_granted_assignment (
      assignment_id uuid primary key references ${s}.role_assignment (id) on delete cascade,
      provider_id uuid not null references ${s}.oidc_provider (id) on delete cascade,
      user_id uuid not null references ${s}.user_account (id),
      role_id text not null,
      node_id uuid not null,
      granted_at timestamptz not null,
      unique (provider_id, user_id, role_id, node_id)
    )`);

    // An active user needed a password; an SSO user created just in time has none. The rule becomes: an
    // active user has a password or an external identity. Checked at commit, because the identity is
    // inserted after the user in the same transaction.
    this.addSql(`alter table ${s}.user_account drop constraint user_account_check`);
    this.addSql(`create function ${s}.assert_active_user_can_log_in() returns trigger language plpgsql as $$
      declare
        target uuid;
      begin
        -- Separate statements: plpgsql resolves a record's fields when it runs a statement, and each table's
        -- row has only its own columns.
        if tg_table_name = 'user_account' then target := new.id; else target := old.user_id; end if;
        if exists (
          select 1 from ${s}.user_account u
           where u.id = target and u.status = 'active' and u.password_hash is null
             and not exists (select 1 from ${s}.oidc_identity i where i.user_id = u.id)
        ) then
          raise exception 'an active user needs a password or an external identity (user %)', target
            using errcode = 'check_violation';
        end if;
        return null;
      end $$`);
    this.addSql(`create constraint trigger user_account_can_log_in
      after insert or update of status, password_hash on ${s}.user_account
      deferrable initially deferred for each row execute function ${s}.assert_active_user_can_log_in()`);
    this.addSql(`create constraint trigger oidc_identity_removal_keeps_login
      after delete on ${s}.oidc_identity
      deferrable initially deferred for each row execute function ${s}.assert_active_user_can_log_in()`);
  }
}
