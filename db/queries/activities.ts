import type { Queryable } from '../pool';
import { activityInputsHash } from './activity-inputs';
import type { ActivityUpsert } from './activity-row';

/** What the sync jobs compare against before and after a fetch. */
export interface ActivityState {
  id: string;
  athleteId: string;
  name: string;
  sportType: string;
  startDate: string;
  movingTimeS: number;
  elapsedTimeS: number;
  localDate: string;
  private: boolean;
  manual: boolean;
  streamsStatus: 'pending' | 'stored' | 'none' | 'purged' | 'failed';
  /** activityInputsHash of the stored fields (null for rows from before it existed). */
  inputsHash: string | null;
}

const STATE_COLUMNS = `id::text, athlete_id as "athleteId", name, sport_type as "sportType",
  to_char(start_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startDate",
  moving_time_s as "movingTimeS", elapsed_time_s as "elapsedTimeS", to_char(local_date, 'YYYY-MM-DD') as "localDate",
  private, manual, streams_status as "streamsStatus", inputs_hash as "inputsHash"`;

export async function getActivityState(db: Queryable, id: string): Promise<ActivityState | null> {
  const { rows } = await db.query<ActivityState>(
    `select ${STATE_COLUMNS} from activity where id = $1::bigint`,
    [id],
  );
  return rows[0] ?? null;
}

/** States of the given ids that we hold (for reconciliation against a Strava listing). */
export async function getActivityStates(db: Queryable, ids: string[]): Promise<Map<string, ActivityState>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<ActivityState>(
    `select ${STATE_COLUMNS} from activity where id = any($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Serialises every writer of one activity (sync, delete) for the rest of the transaction, so a delete
 * and a concurrent sync cannot interleave between the tombstone check and the write.
 */
export async function lockActivity(db: Queryable, id: string): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtextextended('activity:' || $1::text, 0))`, [id]);
}

/** What an upsert did: whether a row was written, and whether the computation inputs changed. */
export interface UpsertOutcome {
  written: boolean;
  inputsChanged: boolean;
}

/**
 * Inserts or updates an activity from a Strava read made at `fetchedAt`. Idempotent; a write from an
 * older read than the stored one is ignored (a slow backfill page cannot undo a newer webhook fetch).
 * New rows start with streams 'pending' ('none' for manual entries). A fresh read also restores the raw
 * fields a 7-day purge cleared (they are held again for 7 days from this read).
 */
export async function upsertActivity(
  db: Queryable,
  a: ActivityUpsert,
  fetchedAt: Date,
): Promise<UpsertOutcome> {
  const { rows } = await db.query<{ inputsChanged: boolean }>(
    `with before as (select inputs_hash from activity where id = $1::bigint)
     insert into activity (id, athlete_id, name, sport_type, start_date, start_date_local, local_date, timezone,
       moving_time_s, elapsed_time_s, distance_m, total_elevation_gain_m, average_heartrate_bpm, max_heartrate_bpm,
       average_power_w, weighted_average_power_w, device_watts, workout_type, trainer, manual, private, rpe,
       raw_detail, raw_fetched_at, streams_status, inputs_hash, visibility)
     values ($1::bigint, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       $23::jsonb, $24, case when $20 then 'none' else 'pending' end, $25, $26)
     on conflict (id) do update set
       name = excluded.name, sport_type = excluded.sport_type, start_date = excluded.start_date,
       start_date_local = excluded.start_date_local, local_date = excluded.local_date, timezone = excluded.timezone,
       moving_time_s = excluded.moving_time_s, elapsed_time_s = excluded.elapsed_time_s, distance_m = excluded.distance_m,
       total_elevation_gain_m = excluded.total_elevation_gain_m, average_heartrate_bpm = excluded.average_heartrate_bpm,
       max_heartrate_bpm = excluded.max_heartrate_bpm, average_power_w = excluded.average_power_w,
       weighted_average_power_w = excluded.weighted_average_power_w, device_watts = excluded.device_watts,
       workout_type = excluded.workout_type, trainer = excluded.trainer, manual = excluded.manual,
       private = excluded.private, visibility = excluded.visibility, rpe = coalesce(activity.rpe, excluded.rpe), raw_detail = excluded.raw_detail,
       raw_fetched_at = excluded.raw_fetched_at, strava_data_purged_at = null,
       inputs_version = activity.inputs_version
         + (activity.inputs_hash is distinct from excluded.inputs_hash)::int,
       inputs_hash = excluded.inputs_hash, updated_at = now()
     where activity.athlete_id = excluded.athlete_id
       and (activity.raw_fetched_at is null or activity.raw_fetched_at <= excluded.raw_fetched_at)
     returning (select inputs_hash from before) is distinct from $25 as "inputsChanged"`,
    [
      a.id,
      a.athleteId,
      a.name,
      a.sportType,
      a.startDate,
      a.startDateLocal,
      a.localDate,
      a.timezone,
      a.movingTimeS,
      a.elapsedTimeS,
      a.distanceM,
      a.totalElevationGainM,
      a.averageHeartrateBpm,
      a.maxHeartrateBpm,
      a.averagePowerW,
      a.weightedAveragePowerW,
      a.deviceWatts,
      a.workoutType,
      a.trainer,
      a.manual,
      a.private,
      a.stravaRpe,
      JSON.stringify(a.rawDetail ?? null),
      fetchedAt,
      activityInputsHash(a),
      a.visibility ?? null,
    ],
  );
  return { written: rows.length > 0, inputsChanged: rows[0]?.inputsChanged ?? false };
}

/**
 * Deletes an activity (metrics and streams cascade) and leaves a tombstone stamped `deletedAtS` (epoch
 * seconds on Strava's clock when known). Only the owner's activity is touched: an event naming another
 * athlete's activity changes nothing. Idempotent. Returns the deleted row's local date, or null.
 */
export async function deleteActivityWithTombstone(
  db: Queryable,
  id: string,
  athleteId: string,
  deletedAtS: number,
): Promise<{ localDate: string } | null> {
  await db.query(
    `insert into activity_tombstone (id, athlete_id, deleted_at)
     select $1::bigint, $2, to_timestamp($3)
      where not exists (select 1 from activity where id = $1::bigint and athlete_id <> $2)
     on conflict (id) do update set deleted_at = greatest(activity_tombstone.deleted_at, excluded.deleted_at)
      where activity_tombstone.athlete_id = excluded.athlete_id`,
    [id, athleteId, deletedAtS],
  );
  const { rows } = await db.query<{ localDate: string }>(
    `delete from activity where id = $1::bigint and athlete_id = $2 returning to_char(local_date, 'YYYY-MM-DD') as "localDate"`,
    [id, athleteId],
  );
  return rows[0] ?? null;
}

/** Tombstone time of an activity in epoch seconds, or null when it was never deleted. */
export async function getTombstoneS(db: Queryable, id: string): Promise<number | null> {
  const { rows } = await db.query<{ s: number }>(
    `select extract(epoch from deleted_at)::float8 as s from activity_tombstone where id = $1::bigint`,
    [id],
  );
  return rows[0]?.s ?? null;
}

/** Tombstoned ids among `ids` (backfill and reconciliation never bring these back). */
export async function tombstonedIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `select id::text from activity_tombstone where id = any($1::bigint[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Removes a tombstone: Strava showed the activity again after a newer event (a privacy flip back). */
export async function liftTombstone(db: Queryable, id: string): Promise<void> {
  await db.query(`delete from activity_tombstone where id = $1::bigint`, [id]);
}

/** Activities still waiting for streams, newest first (the backfill's stream order). */
export async function listActivitiesNeedingStreams(db: Queryable, athleteId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id::text from activity where athlete_id = $1 and streams_status in ('pending', 'failed') and not manual
      order by start_date desc`,
    [athleteId],
  );
  return rows.map((r) => r.id);
}

/** Ids of the athlete's stored activities that started after `after` (reconciliation's deletion check). */
export async function listActivityIdsStartedAfter(
  db: Queryable,
  athleteId: string,
  after: Date,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id::text from activity where athlete_id = $1 and start_date > $2 order by start_date`,
    [athleteId, after],
  );
  return rows.map((r) => r.id);
}
