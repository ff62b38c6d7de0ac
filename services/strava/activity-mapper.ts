import type { ActivityUpsert } from '../../db/queries/activity-row';
import type { WithPurgedFields } from '../../db/queries/training';
import type { ActivityInput, ActivityStreams } from '../domain/activity';
import type { StravaActivity, StravaStreams } from './api';
import { cleanJson, cleanText } from './clean-text';

/**
 * Strava's wire shapes -> what we store -> what the domain computes on. Units are in the names; the
 * athlete-local day is the date part of `start_date_local` (a wall clock despite its "Z").
 */

/** The columns of one `activity` row that come from Strava (db/queries/activities.ts defines them). */
export type ActivityFields = ActivityUpsert;

const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/;

/**
 * Maps a Strava summary or detail to our row. `athleteId` is our athlete uuid. Throws on an unusable date.
 * Text is cleaned for PostgreSQL (clean-text.ts) even when the transport already did: this is the last
 * step before the row is written, whatever produced the object.
 */
export function toActivityFields(a: StravaActivity, athleteId: string): ActivityFields {
  const local = LOCAL_RE.exec(a.start_date_local);
  if (!local || Number.isNaN(Date.parse(a.start_date)))
    throw new Error(`activity ${a.id} has no usable start date`);
  const weighted =
    a.weighted_average_power ?? (a as { weighted_average_watts?: number }).weighted_average_watts;
  return {
    id: a.id,
    athleteId,
    name: cleanText(a.name ?? ''),
    sportType: cleanText(a.sport_type || a.type || 'Workout'),
    startDate: new Date(a.start_date).toISOString(),
    startDateLocal: `${local[1]}T${local[2]}`,
    localDate: local[1]!,
    timezone: typeof a.timezone === 'string' ? cleanText(a.timezone) : null,
    movingTimeS: whole(a.moving_time),
    elapsedTimeS: whole(a.elapsed_time),
    distanceM: finite(a.distance) ?? 0,
    totalElevationGainM: finite(a.total_elevation_gain) ?? 0,
    averageHeartrateBpm: finite(a.average_heartrate),
    maxHeartrateBpm: finite(a.max_heartrate),
    averagePowerW: finite(a.average_watts),
    weightedAveragePowerW: finite(weighted),
    deviceWatts: a.device_watts === true,
    workoutType:
      typeof a.workout_type === 'number' && Number.isInteger(a.workout_type) ? a.workout_type : null,
    trainer: a.trainer === true,
    manual: a.manual === true,
    private: isOnlyMe(a),
    visibility: visibilityOf(a),
    stravaRpe: isRpe(a.perceived_exertion) ? a.perceived_exertion : null,
    rawDetail: cleanJson(a),
  };
}

/**
 * "Only you" on Strava: the `private` flag, or `visibility: "only_me"` (either alone suffices, so a
 * response carrying only one of them is still read as private).
 */
export function isOnlyMe(a: Pick<StravaActivity, 'private' | 'visibility'>): boolean {
  return a.private === true || a.visibility === 'only_me';
}

/** Strava's visibility word as sent ('everyone', 'followers_only', 'only_me'), or null if absent or odd. */
function visibilityOf(a: Pick<StravaActivity, 'visibility'>): string | null {
  return typeof a.visibility === 'string' && /^[a-z_]{1,32}$/.test(a.visibility) ? a.visibility : null;
}

/** Numeric stream keys stored as given; `moving` (booleans) is stored as 0/1 and restored on read. */
export type StoredStreams = Record<string, number[]>;

/** Keeps only equal-length numeric streams (Strava's `latlng` pairs are not needed and not stored). */
export function toStoredStreams(s: StravaStreams): StoredStreams {
  const out: StoredStreams = {};
  const length = s.time?.length ?? s.distance?.length;
  for (const [key, data] of Object.entries(s)) {
    if (!Array.isArray(data) || data.length !== length) continue;
    if (key === 'moving') out[key] = (data as unknown[]).map((v) => (v ? 1 : 0));
    else if ((data as unknown[]).every((v) => typeof v === 'number' || v === null))
      out[key] = data as number[];
  }
  return out;
}

/** The domain's view of stored streams (units in the names). */
export function toDomainStreams(s: StoredStreams): ActivityStreams {
  return {
    timeS: s.time,
    heartrateBpm: s.heartrate,
    powerW: s.watts,
    velocityMps: s.velocity_smooth,
    altitudeM: s.altitude,
    gradePct: s.grade_smooth,
    distanceM: s.distance,
    cadenceRpm: s.cadence,
    moving: s.moving?.map((v) => v === 1),
  };
}

/** A stored row (plus its streams, when fetched) as the domain's ActivityInput. */
export function toActivityInput(
  row: WithPurgedFields<Omit<ActivityFields, 'rawDetail' | 'stravaRpe'>> & {
    rpe: number | null;
    taggedAreas: string[] | null;
  },
  streams: StoredStreams | null,
): ActivityInput {
  return {
    summary: {
      sportType: row.sportType,
      startDate: row.startDate,
      startDateLocal: row.startDateLocal,
      movingTimeS: row.movingTimeS,
      elapsedTimeS: row.elapsedTimeS,
      // Cleared by the 7-day purge: only methods that need none of them run on such a row.
      distanceM: row.distanceM ?? 0,
      totalElevationGainM: row.totalElevationGainM ?? 0,
      averageHeartrateBpm: row.averageHeartrateBpm ?? undefined,
      maxHeartrateBpm: row.maxHeartrateBpm ?? undefined,
      averagePowerW: row.averagePowerW ?? undefined,
      weightedAveragePowerW: row.weightedAveragePowerW ?? undefined,
      deviceWatts: row.deviceWatts ?? false,
      workoutType: row.workoutType,
      trainer: row.trainer ?? false,
      manual: row.manual,
      rpe: row.rpe,
      taggedAreas: row.taggedAreas,
    },
    streams: streams ? toDomainStreams(streams) : null,
  };
}

function finite(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function whole(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0;
}

function isRpe(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10;
}
