/** The columns of one `activity` row that come from Strava (athlete-entered RPE and tags are ours). */
export interface ActivityUpsert {
  id: string;
  athleteId: string;
  name: string;
  sportType: string;
  /** ISO instant, UTC. */
  startDate: string;
  /** Local wall clock without offset, e.g. "2026-03-01T07:12:00". */
  startDateLocal: string;
  /** YYYY-MM-DD of `startDateLocal`. */
  localDate: string;
  timezone: string | null;
  movingTimeS: number;
  elapsedTimeS: number;
  distanceM: number;
  totalElevationGainM: number;
  averageHeartrateBpm: number | null;
  maxHeartrateBpm: number | null;
  averagePowerW: number | null;
  weightedAveragePowerW: number | null;
  deviceWatts: boolean;
  workoutType: number | null;
  trainer: boolean;
  manual: boolean;
  private: boolean;
  /** Strava's visibility word, when it was sent (absent from older fixtures and rows: null). */
  visibility?: string | null;
  /** Strava perceived exertion, 1-10, when it is sent (it rarely is); never overrides the athlete's own. */
  stravaRpe: number | null;
  /** The raw object as fetched: raw Strava data, purged after STRAVA_RAW_RETENTION_DAYS. */
  rawDetail: unknown;
}
