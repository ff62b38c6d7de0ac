/**
 * The contract between Kneadwise and Strava: the only surface jobs and routes use to read Strava.
 * `createStravaApi` (services/strava/client.ts) implements it over strava-v3, redirected to
 * STRAVA_BASE_URL; nothing else in the code base talks to Strava.
 *
 * Ids are 64-bit integers kept as decimal strings, never JavaScript numbers (they can exceed 2^53).
 * Errors are normalised (services/strava/errors.ts):
 * - StravaNotFoundError: 404 — the object is gone (or not visible with the granted scopes);
 * - StravaAuthError: the athlete's access is revoked or refresh failed for good (athlete marked
 *   needs_reconnect); retrying does not help;
 * - RateLimitWaitError (services/errors.ts): over or near the shared budget, wait until retryAtMs;
 * - any other Error: transient (5xx, timeout), retry with backoff.
 */

/**
 * Which budget a call draws on: live work goes before backfill when the budget is short; 'webhook' is
 * live work an (unsigned, possibly forged) webhook event asked for, capped at STRAVA_WEBHOOK_BUDGET_SHARE
 * of each 15-minute window so forged events cannot starve real athletes.
 */
export type StravaCallPriority = 'live' | 'webhook' | 'backfill';

/** The fields of Strava's SummaryActivity/DetailedActivity that Kneadwise reads (snake_case as on the wire). */
export interface StravaActivity {
  id: string;
  athleteId: string;
  name: string;
  sport_type: string;
  type?: string;
  start_date: string;
  start_date_local: string;
  timezone?: string;
  utc_offset?: number;
  moving_time: number;
  elapsed_time: number;
  distance: number;
  total_elevation_gain: number;
  elev_high?: number;
  elev_low?: number;
  average_heartrate?: number;
  max_heartrate?: number;
  has_heartrate?: boolean;
  average_watts?: number;
  weighted_average_power?: number;
  device_watts?: boolean;
  kilojoules?: number;
  workout_type?: number | null;
  trainer?: boolean;
  manual?: boolean;
  private?: boolean;
  /** 'everyone', 'followers_only' or 'only_me' (the latter is what `private: true` means). */
  visibility?: string;
  perceived_exertion?: number | null;
}

/** Streams keyed by Strava stream type (`time`, `heartrate`, `watts`, `velocity_smooth`, ...). */
export type StravaStreams = Partial<Record<StravaStreamKey, number[] | boolean[]>>;
export const STRAVA_STREAM_KEYS = [
  'time',
  'heartrate',
  'watts',
  'velocity_smooth',
  'altitude',
  'grade_smooth',
  'distance',
  'cadence',
  'moving',
] as const;
export type StravaStreamKey = (typeof STRAVA_STREAM_KEYS)[number];

export interface StravaAthleteProfile {
  id: string;
  firstname: string;
  lastname: string;
  sex: 'M' | 'F' | null;
  city?: string | null;
}

export interface StravaHeartRateZones {
  custom_zones: boolean;
  zones: { min: number; max: number }[];
}

export interface ListActivitiesQuery {
  /** Epoch seconds. */
  after?: number;
  before?: number;
  page: number;
  /** At most 200. */
  perPage: number;
}

export interface StravaApi {
  getActivity(athleteId: string, activityId: string, priority: StravaCallPriority): Promise<StravaActivity>;
  getStreams(athleteId: string, activityId: string, priority: StravaCallPriority): Promise<StravaStreams>;
  listActivities(
    athleteId: string,
    query: ListActivitiesQuery,
    priority: StravaCallPriority,
  ): Promise<StravaActivity[]>;
  getAthlete(athleteId: string): Promise<StravaAthleteProfile>;
  /** Null when the profile:read_all scope was not granted. */
  getHeartRateZones(athleteId: string): Promise<StravaHeartRateZones | null>;
  /** Revokes our access at Strava (disconnect). Idempotent: an already revoked token is success. */
  deauthorize(athleteId: string): Promise<void>;
  /**
   * Confirms a deauthorization event: true only when Strava itself rejects the athlete's token
   * (events are unsigned, so a forged "authorized: false" must delete nothing).
   */
  isAccessRevoked(athleteId: string): Promise<boolean>;
}
