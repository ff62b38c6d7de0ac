import type { Queryable } from '../pool';

export interface ActivityListRow {
  id: string;
  name: string;
  sportType: string;
  startDate: Date;
  localDate: string;
  movingTimeS: number;
  /** Null once the 7-day purge cleared Strava's raw fields. */
  distanceM: number | null;
  totalElevationGainM: number | null;
  averageHeartrateBpm: number | null;
  averagePowerW: number | null;
  rpe: number | null;
  load: number | null;
  method: string | null;
  confidence: string | null;
  stravaDataPurged: boolean;
  /** Stream-based numbers waiting for their streams to be fetched again after an edit on Strava. */
  refreshPending: boolean;
}

/**
 * An athlete's activities with their derived load, newest first; `beforeMs` pages backwards by start time;
 * `includePrivate` false leaves out activities private on Strava (a coach without the athlete's opt-in).
 * Strava ids are bigint in SQL and strings here (never rounded through a JS number).
 */
export async function selectActivities(
  db: Queryable,
  athleteId: string,
  opts: { limit: number; beforeMs?: number; includePrivate?: boolean },
): Promise<ActivityListRow[]> {
  const { rows } = await db.query<ActivityListRow>(
    `select a.id::text, a.name, a.sport_type as "sportType", a.start_date as "startDate",
       a.local_date::text as "localDate", a.moving_time_s as "movingTimeS", a.distance_m as "distanceM",
       a.total_elevation_gain_m as "totalElevationGainM", a.average_heartrate_bpm as "averageHeartrateBpm",
       a.average_power_w as "averagePowerW", a.rpe, m.load, m.method, m.confidence,
       (a.strava_data_purged_at is not null) as "stravaDataPurged",
       coalesce(m.from_streams and a.streams_status = 'pending', false) as "refreshPending"
     from activity a left join activity_metric m on m.activity_id = a.id
     where a.athlete_id = $1 and ($3::timestamptz is null or a.start_date < $3::timestamptz)
       and ($4 or not a.private)
     order by a.start_date desc limit $2`,
    [
      athleteId,
      opts.limit,
      opts.beforeMs === undefined ? null : new Date(opts.beforeMs),
      opts.includePrivate ?? true,
    ],
  );
  return rows;
}

export interface SeriesExportRow {
  day: string;
  load: number;
  ctl: number;
  atl: number;
  tsb: number;
  ramp7: number | null;
  loadSpikeRatio: number | null;
  monotony: number | null;
  strain: number | null;
  calibrating: boolean;
}

/** The stored daily series of an athlete, oldest first (CSV export). */
export async function selectDailySeriesRows(db: Queryable, athleteId: string): Promise<SeriesExportRow[]> {
  const { rows } = await db.query<SeriesExportRow>(
    `select day::text, load, ctl, atl, tsb, ramp7, load_spike_ratio as "loadSpikeRatio", monotony, strain, calibrating
     from daily_series where athlete_id = $1 order by day`,
    [athleteId],
  );
  return rows;
}
