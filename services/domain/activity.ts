/**
 * The shapes the pure domain works on. Workers map database rows to these; the domain never sees SQL,
 * HTTP or Strava's wire format. Every number carries its unit in its name.
 */

/** Strava `sport_type` values we treat specially; anything else is still accepted as a plain string. */
export type SportType =
  | 'Run'
  | 'TrailRun'
  | 'VirtualRun'
  | 'Walk'
  | 'Hike'
  | 'Ride'
  | 'VirtualRide'
  | 'GravelRide'
  | 'MountainBikeRide'
  | 'EBikeRide'
  | 'Swim'
  | 'Rowing'
  | 'VirtualRow'
  | 'WeightTraining'
  | 'Workout'
  | 'Crossfit'
  | 'Yoga'
  | 'NordicSki'
  | (string & {});

/** 1 Hz (or irregular) sample streams, all indexed alike by `timeS`. Any stream may be absent. */
export interface ActivityStreams {
  /** Seconds since the start of the activity. */
  timeS?: number[];
  heartrateBpm?: number[];
  powerW?: number[];
  /** Strava `velocity_smooth`, metres per second. */
  velocityMps?: number[];
  altitudeM?: number[];
  /** Strava `grade_smooth`, percent (10 = 10 % uphill). */
  gradePct?: number[];
  distanceM?: number[];
  cadenceRpm?: number[];
  /** Strava `moving`: false while paused. */
  moving?: boolean[];
}

/** What Strava's activity summary gives us, plus what the athlete told us about it. */
export interface ActivitySummary {
  sportType: SportType;
  /** Start instant, ISO 8601 UTC. */
  startDate: string;
  /** Strava `start_date_local` (wall clock, no offset): decides the athlete-local day. */
  startDateLocal: string;
  movingTimeS: number;
  elapsedTimeS: number;
  distanceM: number;
  totalElevationGainM: number;
  averageHeartrateBpm?: number;
  maxHeartrateBpm?: number;
  averagePowerW?: number;
  weightedAveragePowerW?: number;
  /** True only when Strava says the power came from a power meter (`device_watts`). */
  deviceWatts?: boolean;
  /** Strava `workout_type`: 1 = race for runs, 11 = race for rides. */
  workoutType?: number | null;
  trainer?: boolean;
  manual?: boolean;
  /** Session RPE 1-10 the athlete entered (Kneadwise or Strava perceived exertion). */
  rpe?: number | null;
  /** Body areas the athlete tagged (weight training etc.); overrides the sport's default split. */
  taggedAreas?: string[] | null;
}

export interface ActivityInput {
  summary: ActivitySummary;
  streams?: ActivityStreams | null;
}
