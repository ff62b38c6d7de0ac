import type { Queryable } from '../pool';
import type { ActivityUpsert } from './activity-row';

/** What recompute-athlete needs to know about the athlete. */
export interface TrainingAthlete {
  id: string;
  timeZone: string;
  sex: 'M' | 'F' | null;
  physiologyEntered: Record<string, unknown>;
  physiologyObserved: Record<string, unknown>;
  physiologyResolved: unknown;
  physiologyBasis: string | null;
  stravaZones: unknown;
  alertSettings: unknown;
  injuredOrIll: boolean;
  firstActivityDate: string | null;
}

export async function getTrainingAthlete(db: Queryable, athleteId: string): Promise<TrainingAthlete | null> {
  const { rows } = await db.query<TrainingAthlete>(
    `select a.id, a.time_zone as "timeZone", a.sex, a.physiology_entered as "physiologyEntered",
            a.physiology_observed as "physiologyObserved",
            a.physiology_resolved as "physiologyResolved",
            a.physiology_basis as "physiologyBasis", a.strava_zones as "stravaZones",
            a.alert_settings as "alertSettings", a.injured_or_ill as "injuredOrIll",
            (select to_char(min(local_date), 'YYYY-MM-DD') from activity where athlete_id = a.id) as "firstActivityDate"
     from athlete a where a.id = $1`,
    [athleteId],
  );
  return rows[0] ?? null;
}

/** Raw Strava fields the 7-day purge clears (null once cleared; see db/queries/raw-data-purge.ts). */
export type PurgedField = 'distanceM' | 'totalElevationGainM' | 'deviceWatts' | 'trainer';
export type WithPurgedFields<T> = { [K in keyof T]: K extends PurgedField ? T[K] | null : T[K] };

/** An activity row as the engines need it, plus the versions its stored metric is compared with. */
export type TrainingActivityRow = WithPurgedFields<
  Omit<ActivityUpsert, 'athleteId' | 'timezone' | 'private' | 'stravaRpe' | 'rawDetail'>
> & {
  rpe: number | null;
  taggedAreas: string[] | null;
  streamsStored: boolean;
  /** The activity's inputs version read; stored with the metric. */
  inputsVersion: number;
};

/**
 * When a stored metric no longer matches what it was computed from: the activity's inputs changed
 * (`inputs_version`), streams arrived after a summary-only computation, the physiology basis moved, or
 * the model did. Bookkeeping (purges, re-fetches, status) changes none of these. `$model` is a parameter.
 */
const metricIsStale = (model: string) => `(m.activity_id is null
  or (a.streams_status = 'stored' and not m.from_streams)
  or m.source_version is distinct from a.inputs_version
  or m.physiology_basis is distinct from ath.physiology_basis
  or m.model_version is distinct from ${model})`;

/**
 * Whether the inputs a recompute would need are still held. Once streams are purged a stream-based
 * metric is kept as it is (the method never downgrades to a summary); once the raw Strava fields are
 * purged only methods that need nothing but what we keep (duration, the athlete's RPE) can run again.
 */
export const METRIC_IS_RECOMPUTABLE = `(a.streams_status = 'stored' or m.activity_id is null
  or (not m.from_streams and (a.strava_data_purged_at is null or m.method in ('sessionRpe', 'duration')))
  or (m.from_streams and a.streams_status = 'none' and a.strava_data_purged_at is null))`;

/**
 * Activities from `fromDate` whose metric is missing or stale and can be recomputed; with `all`, every
 * recomputable activity from `fromDate`.
 */
export async function listActivitiesToCompute(
  db: Queryable,
  athleteId: string,
  fromDate: string,
  all: boolean,
  modelVersion: string,
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
            (a.streams_status = 'stored') as "streamsStored", a.inputs_version as "inputsVersion"
     from activity a join athlete ath on ath.id = a.athlete_id
       left join activity_metric m on m.activity_id = a.id
     where a.athlete_id = $1 and a.local_date >= $2::date
       and ($3 or ${metricIsStale('$4')}) and ${METRIC_IS_RECOMPUTABLE}
     order by a.start_date`,
    [athleteId, fromDate, all, modelVersion],
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
  sourceVersion: number;
  physiologyBasis: string;
}

/** Replaces an activity's derived numbers (recomputed, never incremented). */
export async function upsertActivityMetric(db: Queryable, m: MetricUpsert): Promise<void> {
  await db.query(
    `insert into activity_metric (activity_id, athlete_id, local_date, load, method, confidence, metrics, inputs,
                                  cleaning, area_loads, from_streams, model_version, source_version, physiology_basis, computed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
     on conflict (activity_id) do update set local_date = excluded.local_date, load = excluded.load,
       method = excluded.method, confidence = excluded.confidence, metrics = excluded.metrics,
       inputs = excluded.inputs, cleaning = excluded.cleaning, area_loads = excluded.area_loads,
       from_streams = excluded.from_streams, model_version = excluded.model_version,
       source_version = excluded.source_version, physiology_basis = excluded.physiology_basis,
       computed_at = now()`,
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
      m.sourceVersion,
      m.physiologyBasis,
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
     where athlete_id = $1 and ($2::date is null or local_date >= $2::date)
     order by local_date, activity_id`,
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
 * Athletes with activities whose metric is missing or stale and recomputable, last written before
 * `olderThan` (so a recompute already on its way is not doubled), with the earliest such day.
 */
export async function listStaleMetricAthletes(
  db: Queryable,
  olderThan: Date,
  modelVersion: string,
): Promise<{ athleteId: string; fromDate: string }[]> {
  const { rows } = await db.query<{ athleteId: string; fromDate: string }>(
    `select a.athlete_id as "athleteId", to_char(min(a.local_date), 'YYYY-MM-DD') as "fromDate"
     from activity a join athlete ath on ath.id = a.athlete_id
       left join activity_metric m on m.activity_id = a.id
     where a.updated_at < $1 and ${metricIsStale('$2')} and ${METRIC_IS_RECOMPUTABLE}
     group by a.athlete_id`,
    [olderThan, modelVersion],
  );
  return rows;
}

/** Saves the physiology basis (a hash of the resolved values) the athlete's numbers are computed on. */
export async function savePhysiologyBasis(db: Queryable, athleteId: string, basis: string): Promise<void> {
  await db.query(`update athlete set physiology_basis = $2 where id = $1`, [athleteId, basis]);
}

/** Why an activity keeps numbers computed earlier: the data a recompute would need is gone. */
export type KeptReason = 'streams-purged' | 'strava-data-purged';

/**
 * The athlete's activities whose stored numbers can no longer be recomputed (a settings change cannot
 * reach them), with the reason; `refreshPending` when their streams are being fetched again.
 */
export async function listActivitiesKeepingNumbers(
  db: Queryable,
  athleteId: string,
): Promise<{ activityId: string; localDate: string; reason: KeptReason; refreshPending: boolean }[]> {
  const { rows } = await db.query<{
    activityId: string;
    localDate: string;
    reason: KeptReason;
    refreshPending: boolean;
  }>(
    `select a.id::text as "activityId", to_char(a.local_date, 'YYYY-MM-DD') as "localDate",
            case when m.from_streams then 'streams-purged' else 'strava-data-purged' end as reason,
            (m.from_streams and a.streams_status = 'pending') as "refreshPending"
     from activity a join activity_metric m on m.activity_id = a.id
     where a.athlete_id = $1 and not ${METRIC_IS_RECOMPUTABLE}
     order by a.start_date`,
    [athleteId],
  );
  return rows;
}
