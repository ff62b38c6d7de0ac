-- Issue 12: derived numbers move only when what they were computed from moves.
-- `inputs_version` counts changes of an activity's computation inputs (Strava content such as sport type,
-- timing and summaries, compared by `inputs_hash`; and the athlete's RPE and body-area tags). Local
-- bookkeeping (stream fetch or purge, status, re-fetch of an unchanged detail, a rename) never touches it,
-- whereas `updated_at` records any write. A metric remembers the version, the physiology basis and the
-- model it was computed from; it is stale when one of them differs.
alter table activity
  add column inputs_version integer not null default 1,
  add column inputs_hash text,
  -- when the raw Strava fields were cleared (API agreement: 7-day cache); null while we hold them
  add column strava_data_purged_at timestamptz;

-- Raw Strava fields cleared by the 7-day purge become nullable (null = no longer held, not zero).
alter table activity
  alter column distance_m drop not null,
  alter column total_elevation_gain_m drop not null,
  alter column device_watts drop not null,
  alter column trainer drop not null;

alter table activity_metric
  add column source_version integer,
  add column physiology_basis text;
update activity_metric m set source_version = a.inputs_version
  from activity a where a.id = m.activity_id and m.source_updated_at = a.updated_at;
alter table activity_metric drop column source_updated_at;

-- The physiology basis (a hash of the resolved values) the athlete's current numbers use.
alter table athlete add column physiology_basis text;

-- Where the athlete's time zone came from: the column default, Strava, or the athlete's own choice
-- (which Strava never overrides).
alter table athlete
  add column time_zone_source text not null default 'default'
    check (time_zone_source in ('default', 'strava', 'athlete'));
