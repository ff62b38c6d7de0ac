-- Coach invites, consent history and password resets (issue 7). Tokens are stored only as SHA-256 hashes:
-- a database leak does not hand out working invite or reset links.

-- A coach's invite link. Single-use: the first athlete who accepts consumes it.
create table coach_invite (
  id uuid primary key default gen_random_uuid(),
  coach_user_id uuid not null references app_user (id) on delete cascade,
  token_hash bytea not null unique,
  -- Free text the coach adds ("Spring marathon group"); shown to the athlete as given.
  note text not null default '',
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_athlete_id uuid references athlete (id) on delete set null,
  revoked_at timestamptz
);
create index coach_invite_coach on coach_invite (coach_user_id, created_at desc);

-- Append-only audit of consent: what the athlete saw (its exact text) and when they granted or revoked it.
-- coach_athlete holds the current state; this keeps the history across revoke and re-accept.
create table consent_event (
  id bigserial primary key,
  coach_user_id uuid not null references app_user (id) on delete cascade,
  athlete_id uuid not null references athlete (id) on delete cascade,
  action text not null check (action in ('granted', 'revoked')),
  consent_text text,
  invite_id uuid references coach_invite (id) on delete set null,
  at timestamptz not null default now()
);
create index consent_event_athlete on consent_event (athlete_id, at desc);

-- Password reset links: hashed, single-use, short-lived.
create table password_reset (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id) on delete cascade,
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_reset_user on password_reset (user_id, created_at desc);

-- Coach overview: open alerts per athlete, newest first.
create index alert_athlete_open on alert (athlete_id, local_date desc) where status in ('pending', 'queued');
