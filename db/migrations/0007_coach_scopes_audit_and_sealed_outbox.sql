-- Coach scopes and the audit of coach changes (issue 15, row 10). A consent grants "see" only; the
-- athlete grants "adjust-training" (change physiology and thresholds) separately and can withdraw it.
alter table coach_athlete add column scopes text[] not null default '{see}'
  check (scopes <@ array['see', 'adjust-training']::text[] and 'see' = any(scopes));

-- Every change a coach makes to an athlete's settings, and every scope the athlete grants or withdraws:
-- append-only, read by the athlete on their settings page, deleted with the athlete.
create table coach_change_event (
  id bigserial primary key,
  athlete_id uuid not null references athlete (id) on delete cascade,
  coach_user_id uuid not null references app_user (id) on delete cascade,
  actor text not null check (actor in ('coach', 'athlete')),
  action text not null,
  detail jsonb not null default '{}',
  at timestamptz not null default now()
);
create index coach_change_event_athlete on coach_change_event (athlete_id, at desc);

-- Secrets at rest (issue 15, row 3): the tokens of the links a queued email carries, AES-256-GCM with the
-- application key (services/notify/outbox-secrets.ts); the bodies hold placeholders instead.
alter table email_outbox add column sealed_secrets bytea;
