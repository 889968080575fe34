/**
 * The tables every service schema carries: the transactional outbox, the consumer's idempotency record and the
 * append-only audit trail. Written as SQL (not generated from entities) because triggers and partial indexes
 * are the point of them.
 */
export function platformTablesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create schema if not exists ${s}`,
    `create table ${s}.outbox_event (
       seq bigserial primary key,
       id uuid not null unique,
       topic text not null,
       key text not null,
       type text not null,
       source text not null,
       subject text not null,
       aggregate_version bigint not null,
       actor text not null,
       correlation_id text not null,
       traceparent text,
       tracestate text,
       payload jsonb not null,
       occurred_at timestamptz not null default clock_timestamp(),
       created_at timestamptz not null default clock_timestamp(),
       status text not null default 'pending' check (status in ('pending', 'published')),
       attempts integer not null default 0,
       last_error text,
       claimed_by text,
       claimed_until timestamptz,
       published_at timestamptz
     )`,
    `create index outbox_event_pending_idx on ${s}.outbox_event (seq) where status = 'pending'`,
    `create index outbox_event_pending_key_idx on ${s}.outbox_event (key, seq) where status = 'pending'`,
    // The first migration's text, kept as it ran; the third drops the trigger again.
    ...outboxNotifySql(schema),
    `create table ${s}.consumed_message (
       group_id text not null,
       event_id uuid not null,
       topic text not null,
       event_type text not null,
       consumed_at timestamptz not null default clock_timestamp(),
       primary key (group_id, event_id)
     )`,
    `create table ${s}.audit_record (
       seq bigserial primary key,
       id uuid not null unique,
       occurred_at timestamptz not null,
       actor text not null,
       object_type text not null,
       object_id text not null,
       action text not null,
       changes jsonb not null,
       correlation_id text not null,
       cause text,
       prev_hash text,
       hash text not null
     )`,
    `create index audit_record_object_idx on ${s}.audit_record (object_type, object_id, seq)`,
    `create function ${s}.audit_record_is_append_only() returns trigger language plpgsql as $$
     begin
       raise exception 'audit records are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
     end $$`,
    `create trigger audit_record_no_update before update or delete on ${s}.audit_record
       for each row execute function ${s}.audit_record_is_append_only()`,
    `create trigger audit_record_no_truncate before truncate on ${s}.audit_record
       for each statement execute function ${s}.audit_record_is_append_only()`,
    `revoke update, delete, truncate on ${s}.audit_record from public`,
  ];
}

/**
 * The outbox insert trigger the first platform migration created: a NOTIFY per writing statement. Dropped by
 * the third (`Migration00000000000002OutboxWakeInProcess`); here for that history and for its `down`.
 */
export function outboxNotifySql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create function ${s}.notify_outbox() returns trigger language plpgsql as $$
     begin
       perform pg_notify('steerco_outbox_${schema}', '');
       return null;
     end $$`,
    `create trigger outbox_event_notify after insert on ${s}.outbox_event
       for each statement execute function ${s}.notify_outbox()`,
  ];
}

export function dropOutboxNotifySql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `drop trigger if exists outbox_event_notify on ${s}.outbox_event`,
    `drop function if exists ${s}.notify_outbox()`,
  ];
}
