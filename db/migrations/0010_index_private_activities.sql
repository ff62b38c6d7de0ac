-- The coach views ask, per athlete, "is any activity private?" and "is a private activity near this
-- alert?" (issue 14 part 5). Private activities are few: a partial index answers both with a lookup
-- instead of a scan of the athlete's whole history (coach overview p95 121 ms -> see README benchmarks).
create index activity_private_by_day on activity (athlete_id, local_date) where private;
