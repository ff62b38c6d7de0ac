import type { Queryable } from '../pool';
import type { ActivityUpsert } from './activities';

/** What recompute-athlete needs to know about the athlete. */
export interface TrainingAthlete {
  id: string;
  timeZone: string;
  latestActivityTimezone: string | null;
  sex: 'M' | 'F' | null;
  physiologyEntered: Record<string, unknown>;
  physiologyObserved: Record<string, unknown>;
  physiologyResolved: unknown;
  stravaZones: unknown;
  alertSettings: unknown;
  injuredOrIll: boolean;
  firstActivityDate: string | null;
}

export async function getTrainingAthlete(db: Queryable, athleteId: string): Promise<TrainingAthlete | null> {
  const { rows } = await db.query<TrainingAthlete>(
    `select a.id, a.time_zone as "timeZone", a.sex, a.physiology_entered as "physiologyEntered",
            a.physiology_observed as "physiologyObserved",
            a.physiology_resolved as "physiologyResolved", a.strava_zones as "stravaZones",
            a.alert_settings as "alertSettings", a.injured_or_ill as "injuredOrIll",
            (select timezone from activity where athlete_id = a.id and timezone is not null
              order by start_date desc limit 1) as "latestActivityTimezone",
            (select to_char(min(local_date), 'YYYY-MM-DD') from activity where athlete_id = a.id) as "firstActivityDate"
     from athlete a where a.id = $1`,
    [athleteId],
  );
  return rows[0] ?? null;
}

/** An activity row as the engines need it, plus whether its stored metric is stale. */
export type TrainingActivityRow = Omit<
  ActivityUpsert,
  'athleteId' | 'timezone' | 'private' | 'stravaRpe' | 'rawDetail'
> & {
  rpe: number | null;
  taggedAreas: string[] | null;
  streamsStored: boolean;
  /** The row version read (timestamptz as text, microseconds intact); stored with the metric. */
  updatedAt: string;
};

/**
 * Activities from `fromDate` whose metric is missing or stale (the activity changed, or streams arrived
 * after a summary-only computation); with `all`, every activity from `fromDate`.
 */
export async function listActivitiesToCompute(
  db: Queryable,
  athleteId: string,
  fromDate: string,
  all: boolean,
): Promise<TrainingActivityRow[]> {
  const { rows } = await db.query<TrainingActivityRow>(
    `select a.id::text, a.name, a.sport_type as "sportType",
            to_char(a.start_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startDate",
            to_char(a.start_date_local, 'YYYY-MM-DD"T"HH24:MI:SS') as "startDateLocal",
            to_char(a.local_date, 'YYYY-MM-DD') as "localDate",
            a.moving_time_s as "movingTimeS", a.elapsed_time_s as "elapsedTimeS", a.distance_m as "distanceM",
            a.total_elevation_gain_m as "totalElevationGainM", a.average_heartrate_bpm as "averageHeartrateBpm",
            a.max_heartrate_bpm as "maxHeartrateBpm", a.average_power_w as "averagePowerW",
            a.weighted_average_power_w as "weightedAveragePowerW", a.device_watts as "deviceWatts",
            a.workout_type as "workoutType", a.trainer, a.manual, a.rpe, a.tagged_areas as "taggedAreas",
            (a.streams_status = 'stored') as "streamsStored", a.updated_at::text as "updatedAt"
     from activity a left join activity_metric m on m.activity_id = a.id
     where a.athlete_id = $1 and a.local_date >= $2::date
       and ($3 or m.activity_id is null or m.source_updated_at is distinct from a.updated_at
            or (a.streams_status = 'stored' and not m.from_streams))
     order by a.start_date`,
    [athleteId, fromDate, all],
  );
  return rows;
}

export interface MetricUpsert {
  activityId: string;
  athleteId: string;
  localDate: string;
  load: number;
  method: string;
  confidence: string;
  metrics: unknown;
  inputs: unknown;
  cleaning: unknown;
  areaLoads: unknown;
  fromStreams: boolean;
  modelVersion: string;
  sourceUpdatedAt: string;
}

/** Replaces an activity's derived numbers (recomputed, never incremented). */
export async function upsertActivityMetric(db: Queryable, m: MetricUpsert): Promise<void> {
  await db.query(
    `insert into activity_metric (activity_id, athlete_id, local_date, load, method, confidence, metrics, inputs,
                                  cleaning, area_loads, from_streams, model_version, source_updated_at, computed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz, now())
     on conflict (activity_id) do update set local_date = excluded.local_date, load = excluded.load,
       method = excluded.method, confidence = excluded.confidence, metrics = excluded.metrics,
       inputs = excluded.inputs, cleaning = excluded.cleaning, area_loads = excluded.area_loads,
       from_streams = excluded.from_streams, model_version = excluded.model_version,
       source_updated_at = excluded.source_updated_at, computed_at = now()`,
    [
      m.activityId,
      m.athleteId,
      m.localDate,
      m.load,
      m.method,
      m.confidence,
      JSON.stringify(m.metrics),
      JSON.stringify(m.inputs),
      JSON.stringify(m.cleaning),
      JSON.stringify(m.areaLoads),
      m.fromStreams,
      m.modelVersion,
      m.sourceUpdatedAt,
    ],
  );
}

/** Per-activity loads from `fromDate` on (all when null), for the daily series. */
export async function listDailyLoadEntries(
  db: Queryable,
  athleteId: string,
  fromDate: string | null,
): Promise<{ localDate: string; load: number }[]> {
  const { rows } = await db.query<{ localDate: string; load: number }>(
    `select to_char(local_date, 'YYYY-MM-DD') as "localDate", load from activity_metric
     where athlete_id = $1 and ($2::date is null or local_date >= $2::date)`,
    [athleteId, fromDate],
  );
  return rows;
}

/** Per-activity observed max HR, for the 12-month HR max estimate. */
export async function listObservedMaxHr(
  db: Queryable,
  athleteId: string,
  fromDate: string,
): Promise<{ localDate: string; maxHrBpm: number | null }[]> {
  const { rows } = await db.query<{ localDate: string; maxHrBpm: number | null }>(
    `select to_char(local_date, 'YYYY-MM-DD') as "localDate", (metrics->>'observedMaxHrBpm')::float8 as "maxHrBpm"
     from activity_metric where athlete_id = $1 and local_date >= $2::date and metrics ? 'observedMaxHrBpm'`,
    [athleteId, fromDate],
  );
  return rows;
}

export async function saveObservedPhysiology(
  db: Queryable,
  athleteId: string,
  observed: unknown,
  resolved: unknown,
): Promise<void> {
  await db.query(
    `update athlete set physiology_observed = $2, physiology_resolved = $3, updated_at = now() where id = $1`,
    [athleteId, JSON.stringify(observed), JSON.stringify(resolved)],
  );
}

/** Serialises recomputation per athlete across worker processes (transaction-scoped). */
export async function lockAthleteTraining(db: Queryable, athleteId: string): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtextextended('training:' || $1, 0))`, [athleteId]);
}

/** An activity that may drive an alert now: ended recently, with its computed load. */
export interface RecentLoadedActivity {
  activityId: string;
  sportType: string;
  localDate: string;
  endMs: number;
  loadAu: number;
  workoutType: number | null;
  elevationGainM: number;
}

export async function listRecentLoadedActivities(
  db: Queryable,
  athleteId: string,
  sinceMs: number,
): Promise<RecentLoadedActivity[]> {
  const { rows } = await db.query<RecentLoadedActivity>(
    `select a.id::text as "activityId", a.sport_type as "sportType", to_char(a.local_date, 'YYYY-MM-DD') as "localDate",
            (extract(epoch from a.start_date) * 1000 + a.elapsed_time_s * 1000)::float8 as "endMs",
            m.load as "loadAu", a.workout_type as "workoutType", a.total_elevation_gain_m as "elevationGainM"
     from activity a join activity_metric m on m.activity_id = a.id
     where a.athlete_id = $1 and a.start_date >= to_timestamp($2 / 1000.0)
     order by a.start_date`,
    [athleteId, sinceMs],
  );
  return rows;
}

/** Stored per-activity strain (activity_metric.area_loads) since `fromDate`, with the activity's start. */
export async function listStrainRows(
  db: Queryable,
  athleteId: string,
  fromDate: string,
): Promise<{ activityId: string; startMs: number; areaLoads: unknown }[]> {
  const { rows } = await db.query<{ activityId: string; startMs: number; areaLoads: unknown }>(
    `select m.activity_id::text as "activityId", (extract(epoch from a.start_date) * 1000)::float8 as "startMs",
            m.area_loads as "areaLoads"
     from activity_metric m join activity a on a.id = m.activity_id
     where m.athlete_id = $1 and m.local_date >= $2::date`,
    [athleteId, fromDate],
  );
  return rows;
}

/**
 * Athletes with activities whose metric is missing or stale since before `olderThan` (so a recompute
 * already on its way is not doubled), with the earliest such day.
 */
export async function listStaleMetricAthletes(
  db: Queryable,
  olderThan: Date,
): Promise<{ athleteId: string; fromDate: string }[]> {
  const { rows } = await db.query<{ athleteId: string; fromDate: string }>(
    `select a.athlete_id as "athleteId", to_char(min(a.local_date), 'YYYY-MM-DD') as "fromDate"
     from activity a left join activity_metric m on m.activity_id = a.id
     where a.updated_at < $1
       and (m.activity_id is null or m.source_updated_at is distinct from a.updated_at
            or (a.streams_status = 'stored' and not m.from_streams))
     group by a.athlete_id`,
    [olderThan],
  );
  return rows;
}
