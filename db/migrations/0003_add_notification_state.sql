-- Issue 6: what the notifier needs beyond the core schema.

-- Double opt-in: `email` stays the confirmed address (alerts go only there) while a new one awaits its link;
-- an address the mail server rejected permanently is marked, shown in the settings, and no longer mailed.
alter table app_user
  add column email_pending text,
  add column email_pending_requested_at timestamptz,
  add column email_status text not null default 'ok' check (email_status in ('ok', 'undeliverable')),
  add column email_status_reason text,
  add column email_status_at timestamptz;

-- Delivery preferences (services/notify/preferences.ts); alert_settings keeps the rule thresholds.
alter table athlete add column notification_prefs jsonb not null default '{}';

-- Why an alert was suppressed or cancelled, in words for the dashboard.
alter table alert add column status_reason text;

-- Which emails carry which alerts: the athlete's email and any coach copies (many-to-many, because a
-- pending email gathers every new alert until it goes out).
create table alert_delivery (
  alert_id bigint not null references alert (id) on delete cascade,
  outbox_id bigint not null references email_outbox (id) on delete cascade,
  primary key (alert_id, outbox_id)
);
create index alert_delivery_outbox on alert_delivery (outbox_id);

-- Single-use signed links (RPE, confirm-email): a nonce is spent once, with what it did.
create table used_link (
  nonce text primary key,
  purpose text not null,
  subject_id text not null,
  used_at timestamptz not null default now(),
  outcome jsonb not null default '{}'
);

-- The one open (not yet claimed) email per recipient, athlete and kind that new alerts merge into.
create index email_outbox_open on email_outbox (user_id, athlete_id, kind) where status = 'pending';
