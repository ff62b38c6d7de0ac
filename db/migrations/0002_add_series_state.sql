-- The state incremental recomputation resumes from (load engine: extendDailySeries), and the athlete's
-- local "today" at computation time, so a series can be extended from any stored day.
alter table daily_series
  add column history_day integer not null default 0,
  add column tsb_end_of_day double precision not null default 0,
  add column acute_load double precision not null default 0,
  add column chronic_load double precision not null default 0;

-- The physiology actually used for the stored metrics, so a change can be detected and explained.
alter table athlete add column physiology_resolved jsonb not null default '{}';

-- The activity version (its updated_at) a metric was computed from: stale when they differ. A timestamp
-- comparison with computed_at would miss a change committed while a recompute was running.
alter table activity_metric add column source_updated_at timestamptz;
