import {
  STRAVA_STREAM_KEYS,
  type StravaActivity,
  type StravaAthleteProfile,
  type StravaHeartRateZones,
  type StravaStreams,
} from './api';
import { toIdString } from './lossless-json';

/**
 * Strava's JSON (parsed losslessly: unsafe integers arrive as strings) -> the shapes of api.ts. Ids become
 * decimal strings; every other field is passed through as Strava sent it, so jobs can keep the raw object.
 */

/** A body that is not what Strava documents: a retryable fault on their side, never a crash on ours. */
export class StravaPayloadError extends Error {
  override name = 'StravaPayloadError';
}

type Json = Record<string, unknown>;

const asObject = (v: unknown, what: string): Json => {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new StravaPayloadError(`Strava ${what} is not an object`);
  return v as Json;
};

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** SummaryActivity or DetailedActivity -> StravaActivity (snake_case fields kept, ids as strings). */
export function toStravaActivity(raw: unknown): StravaActivity {
  const a = asObject(raw, 'activity');
  const athlete = asObject(a.athlete, 'activity.athlete');
  if (typeof a.start_date !== 'string' || typeof a.start_date_local !== 'string') {
    throw new StravaPayloadError('Strava activity has no start_date/start_date_local');
  }
  let id: string;
  let athleteId: string;
  try {
    id = toIdString(a.id);
    athleteId = toIdString(athlete.id);
  } catch (err) {
    throw new StravaPayloadError(`Strava activity id unusable: ${(err as Error).message}`);
  }
  const weighted = a.weighted_average_watts ?? a.weighted_average_power;
  return {
    ...(a as Partial<StravaActivity>),
    id,
    athleteId,
    name: typeof a.name === 'string' ? a.name : '',
    sport_type:
      typeof a.sport_type === 'string' ? a.sport_type : typeof a.type === 'string' ? a.type : 'Workout',
    start_date: a.start_date,
    start_date_local: a.start_date_local,
    moving_time: num(a.moving_time),
    elapsed_time: num(a.elapsed_time),
    distance: num(a.distance),
    total_elevation_gain: num(a.total_elevation_gain),
    ...(typeof weighted === 'number' ? { weighted_average_power: weighted } : {}),
  };
}

export function toStravaActivities(raw: unknown): StravaActivity[] {
  if (!Array.isArray(raw)) throw new StravaPayloadError('Strava activity list is not an array');
  return raw.map(toStravaActivity);
}

/** Streams requested with key_by_type=true: `{ heartrate: { data: [...] }, ... }` -> `{ heartrate: [...] }`. */
export function toStravaStreams(raw: unknown): StravaStreams {
  const out: StravaStreams = {};
  // An activity without streams (manual entry) answers an empty list rather than an object.
  if (Array.isArray(raw)) return out;
  const set = asObject(raw, 'stream set');
  for (const key of STRAVA_STREAM_KEYS) {
    const stream = set[key];
    if (stream === null || typeof stream !== 'object') continue;
    const data = (stream as Json).data;
    if (Array.isArray(data) && data.every((v) => typeof v === 'number' || typeof v === 'boolean')) {
      out[key] = data as number[] | boolean[];
    }
  }
  return out;
}

export function toAthleteProfile(raw: unknown): StravaAthleteProfile {
  const a = asObject(raw, 'athlete');
  let id: string;
  try {
    id = toIdString(a.id);
  } catch (err) {
    throw new StravaPayloadError(`Strava athlete id unusable: ${(err as Error).message}`);
  }
  return {
    id,
    firstname: typeof a.firstname === 'string' ? a.firstname : '',
    lastname: typeof a.lastname === 'string' ? a.lastname : '',
    sex: a.sex === 'M' || a.sex === 'F' ? a.sex : null,
    city: typeof a.city === 'string' ? a.city : null,
  };
}

/** GET /athlete/zones -> heart-rate zones; null when Strava sends none. */
export function toHeartRateZones(raw: unknown): StravaHeartRateZones | null {
  const body = asObject(raw, 'zones');
  const hr = body.heart_rate;
  if (hr === null || typeof hr !== 'object') return null;
  const zones = (hr as Json).zones;
  if (!Array.isArray(zones)) return null;
  return {
    custom_zones: (hr as Json).custom_zones === true,
    zones: zones.map((z) => ({ min: num((z as Json).min), max: num((z as Json).max) })),
  };
}
