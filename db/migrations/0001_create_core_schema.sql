-- Kneadwise core schema. Units are in column names; Strava ids are bigint (64-bit, never rounded).

-- People who sign in: athletes (Strava is their login) and coaches (email + password).
create table app_user (
  id uuid primary key default gen_random_uuid(),
  role text not null check (role in ('athlete', 'coach')),
  display_name text not null default '',
  email text,
  email_confirmed_at timestamptz,
  password_hash text,
  created_at timestamptz not null default now()
);
create unique index app_user_coach_email on app_user (lower(email)) where role = 'coach';

create table athlete (
  id uuid primary key default gen_random_uuid(),
  user_id uuid unique references app_user (id) on delete cascade,
  strava_athlete_id bigint not null unique,
  firstname text not null default '',
  lastname text not null default '',
  sex text check (sex in ('M', 'F')),
  time_zone text not null default 'UTC',
  connection_state text not null default 'connected'
    check (connection_state in ('connected', 'needs_reconnect', 'disconnected')),
  granted_scopes text not null default '',
  -- values the athlete (or a consented coach) entered: hrMaxBpm, hrRestBpm, lthrBpm, ftpW, thresholdPaceSPerKm, birthYear
  physiology_entered jsonb not null default '{}',
  -- inputs for estimates, e.g. observed max HR of the last 12 months
  physiology_observed jsonb not null default '{}',
  strava_zones jsonb,
  injured_or_ill boolean not null default false,
  alert_settings jsonb not null default '{}',
  backfill_status text not null default 'pending'
    check (backfill_status in ('pending', 'summaries', 'streams', 'done', 'failed')),
  backfill_total integer not null default 0,
  backfill_summaries_done integer not null default 0,
  backfill_streams_done integer not null default 0,
  -- reconciliation watermark: newest activity start we know we have
  sync_watermark timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Tokens encrypted with AES-256-GCM; `key_id` names the key for rotation; the athlete id is the AAD.
create table strava_token (
  athlete_id uuid primary key references athlete (id) on delete cascade,
  key_id text not null,
  access_token_enc bytea not null,
  refresh_token_enc bytea not null,
  expires_at timestamptz not null,
  scopes text not null,
  updated_at timestamptz not null default now()
);

-- The app's single push subscription, once known (npm run strava:subscribe).
create table strava_subscription (
  id bigint primary key,
  callback_url text not null,
  created_at timestamptz not null default now()
);

-- Durable webhook inbox: one row per distinct event (keyed on the whole event), written before the 200.
create table webhook_inbox (
  id bigserial primary key,
  dedup_key text not null unique,
  object_type text not null,
  object_id bigint not null,
  aspect_type text not null,
  owner_id bigint not null,
  subscription_id bigint,
  event_time bigint not null,
  updates jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'enqueued', 'done', 'dropped', 'failed')),
  attempts integer not null default 0,
  last_error text,
  received_at timestamptz not null default now(),
  enqueued_at timestamptz,
  processed_at timestamptz
);
create index webhook_inbox_open on webhook_inbox (received_at) where status in ('pending', 'enqueued');
create index webhook_inbox_object on webhook_inbox (object_type, object_id);

create table activity (
  id bigint primary key, -- Strava activity id
  athlete_id uuid not null references athlete (id) on delete cascade,
  name text not null default '',
  sport_type text not null,
  start_date timestamptz not null,
  start_date_local timestamp not null,
  local_date date not null,
  timezone text,
  moving_time_s integer not null default 0,
  elapsed_time_s integer not null default 0,
  distance_m double precision not null default 0,
  total_elevation_gain_m double precision not null default 0,
  average_heartrate_bpm double precision,
  max_heartrate_bpm double precision,
  average_power_w double precision,
  weighted_average_power_w double precision,
  device_watts boolean not null default false,
  workout_type integer,
  trainer boolean not null default false,
  manual boolean not null default false,
  private boolean not null default false,
  rpe smallint check (rpe between 1 and 10),
  tagged_areas text[],
  -- raw Strava detail; purged after STRAVA_RAW_RETENTION_DAYS (API terms), derived numbers stay
  raw_detail jsonb,
  raw_fetched_at timestamptz,
  streams_status text not null default 'pending'
    check (streams_status in ('pending', 'stored', 'none', 'purged', 'failed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index activity_athlete_day on activity (athlete_id, local_date);
create index activity_athlete_start on activity (athlete_id, start_date desc);

-- A deleted activity never comes back, whatever order Strava's events arrive in.
create table activity_tombstone (
  id bigint primary key,
  athlete_id uuid not null references athlete (id) on delete cascade,
  deleted_at timestamptz not null default now()
);

-- 1 Hz streams, gzip-compressed JSON of { key: number[] }; raw data, purged with the activity's detail.
create table activity_stream (
  activity_id bigint primary key references activity (id) on delete cascade,
  sample_count integer not null,
  keys text[] not null,
  data_gz bytea not null,
  fetched_at timestamptz not null default now()
);

-- Derived per-activity numbers: how each was computed and how confident we are.
create table activity_metric (
  activity_id bigint primary key references activity (id) on delete cascade,
  athlete_id uuid not null references athlete (id) on delete cascade,
  local_date date not null,
  load double precision not null,
  method text not null,
  confidence text not null check (confidence in ('high', 'medium', 'low')),
  metrics jsonb not null default '{}',
  inputs jsonb not null default '{}',
  cleaning jsonb not null default '{}',
  area_loads jsonb not null default '{}',
  from_streams boolean not null default false,
  model_version text not null,
  computed_at timestamptz not null default now()
);
create index activity_metric_athlete_day on activity_metric (athlete_id, local_date);

-- One row per athlete-local day; recomputed (never incremented) from activity_metric.
create table daily_series (
  athlete_id uuid not null references athlete (id) on delete cascade,
  day date not null,
  load double precision not null,
  ctl double precision not null,
  atl double precision not null,
  tsb double precision not null,
  ramp7 double precision,
  load_spike_ratio double precision,
  monotony double precision,
  strain double precision,
  calibrating boolean not null,
  primary key (athlete_id, day)
);

create table race (
  id uuid primary key default gen_random_uuid(),
  athlete_id uuid not null references athlete (id) on delete cascade,
  race_date date not null,
  name text not null,
  priority text not null default 'A' check (priority in ('A', 'B', 'C')),
  created_at timestamptz not null default now()
);
create index race_athlete_date on race (athlete_id, race_date);

-- One alert per natural key, created in the same transaction as the data that caused it.
create table alert (
  id bigserial primary key,
  athlete_id uuid not null references athlete (id) on delete cascade,
  rule_id text not null,
  body_area text not null default '-',
  local_date date not null,
  status text not null default 'pending' check (status in ('pending', 'queued', 'sent', 'cancelled', 'suppressed')),
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (athlete_id, rule_id, body_area, local_date)
);

-- Transactional outbox: pending -> sending (lease) -> sent | failed.
create table email_outbox (
  id bigserial primary key,
  dedup_key text not null unique,
  athlete_id uuid references athlete (id) on delete cascade,
  user_id uuid references app_user (id) on delete cascade,
  kind text not null,
  recipient text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  headers jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  lease_until timestamptz,
  last_error text,
  smtp_response text,
  message_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index email_outbox_due on email_outbox (next_attempt_at) where status in ('pending', 'sending');

-- Consent: a coach sees an athlete only while a non-revoked link exists.
create table coach_athlete (
  coach_user_id uuid not null references app_user (id) on delete cascade,
  athlete_id uuid not null references athlete (id) on delete cascade,
  consent_text text not null,
  consented_at timestamptz not null default now(),
  revoked_at timestamptz,
  alerts_opt_in boolean not null default false,
  primary key (coach_user_id, athlete_id)
);
create index coach_athlete_athlete on coach_athlete (athlete_id);

-- Server-side sessions (connect-pg-simple's layout).
create table session (
  sid varchar primary key,
  sess json not null,
  expire timestamp(6) not null
);
create index session_expire on session (expire);
