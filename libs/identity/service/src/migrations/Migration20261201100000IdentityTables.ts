import { Migration } from '@mikro-orm/migrations';
import { USER_STATUSES } from '@steerco/contracts';

/**
 * Users and everything that proves who they are. Role assignments will reference user_account(id); nothing
 * here needs to change for them (see libs/identity/service/README.md, "Roles").
 */
export class Migration20261201100000IdentityTables extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    // "user" is a reserved word in PostgreSQL; user_account avoids quoting it everywhere.
    this.addSql(`create table ${s}.user_account (
      id uuid primary key,
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      display_name text not null check (length(display_name) between 1 and 200),
      status text not null check (status in (${USER_STATUSES.map((v) => `'${v}'`).join(', ')})),
      locale text not null,
      time_zone text not null,
      password_hash text,
      must_change_password boolean not null default false,
      password_changed_at timestamptz,
      mfa_required boolean not null default false,
      version integer not null,
      created_at timestamptz not null, updated_at timestamptz not null,
      created_by text not null, updated_by text not null,
      check (status <> 'active' or password_hash is not null)
    )`);
    // Unique regardless of case, also against a writer that forgot to normalise.
    this.addSql(`create unique index user_account_email_key on ${s}.user_account (lower(email))`);

    this.addSql(`create table ${s}.login_throttle (
      key text primary key,
      failures integer not null default 0,
      last_failure_at timestamptz,
      blocked_until timestamptz
    )`);

    // Short-lived single-purpose tokens: the MFA step of a login, a forced password change, an invitation.
    this.addSql(`create table ${s}.auth_ticket (
      id uuid primary key,
      token_hash text not null unique,
      user_id uuid not null references ${s}.user_account (id),
      purpose text not null check (purpose in ('mfa', 'password-change', 'invitation')),
      expires_at timestamptz not null,
      failed_attempts integer not null default 0,
      consumed_at timestamptz,
      created_at timestamptz not null
    )`);
    this.addSql(`create index auth_ticket_user_idx on ${s}.auth_ticket (user_id) where consumed_at is null`);

    this.addSql(`create table ${s}.refresh_token (
      id uuid primary key,
      family_id uuid not null,
      user_id uuid not null references ${s}.user_account (id),
      token_hash text not null unique,
      amr jsonb not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      family_expires_at timestamptz not null,
      rotated_at timestamptz,
      revoked_at timestamptz,
      revoked_reason text
    )`);
    this.addSql(`create index refresh_token_family_idx on ${s}.refresh_token (family_id)`);
    this.addSql(`create index refresh_token_live_idx on ${s}.refresh_token (user_id)
      where revoked_at is null and rotated_at is null`);

    this.addSql(`create table ${s}.signing_key (
      kid text primary key,
      algorithm text not null,
      public_jwk jsonb not null,
      private_key text not null,
      created_at timestamptz not null,
      retired_at timestamptz
    )`);

    this.addSql(`create table ${s}.mfa_credential (
      user_id uuid primary key references ${s}.user_account (id),
      secret text not null,
      confirmed_at timestamptz,
      last_used_step bigint,
      created_at timestamptz not null
    )`);
    this.addSql(`create table ${s}.recovery_code (
      id uuid primary key,
      user_id uuid not null references ${s}.user_account (id),
      code_hash text not null,
      used_at timestamptz,
      created_at timestamptz not null,
      unique (user_id, code_hash)
    )`);
  }
}
