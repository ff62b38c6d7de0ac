/** Shared shapes of the Strava emulator's in-memory world. Wire (snake_case) shapes live in representations. */

export type WorkoutKind =
  | 'easy-run'
  | 'tempo-run'
  | 'interval-run'
  | 'long-run'
  | 'trail-run'
  | 'race-run'
  | 'ride-power'
  | 'ride-no-power'
  | 'indoor-ride'
  | 'race-ride'
  | 'swim'
  | 'hike'
  | 'weight-training'
  | 'manual-run';

export type ProfileName = 'marathoner' | 'trail-runner' | 'cyclist' | 'triathlete' | 'comeback';

export type StreamKey =
  | 'time'
  | 'distance'
  | 'latlng'
  | 'altitude'
  | 'velocity_smooth'
  | 'heartrate'
  | 'cadence'
  | 'watts'
  | 'grade_smooth'
  | 'moving';

export type StreamData = number[] | boolean[] | [number, number][];
export type StreamSet = Partial<Record<StreamKey, StreamData>>;

/** An emulated Strava athlete plus the physiology the generator needs. */
export interface EmulatedAthlete {
  id: number;
  username: string;
  firstname: string;
  lastname: string;
  sex: 'M' | 'F';
  city: string;
  state: string;
  country: string;
  /** IANA zone, e.g. "Australia/Sydney". */
  timezoneIana: string;
  homeLatlng: [number, number];
  weightKg: number;
  /** Functional threshold power; null when the athlete has no power meter. */
  ftpW: number | null;
  maxHrBpm: number;
  restHrBpm: number;
  lthrBpm: number;
  /** Running speed at lactate threshold, m/s. */
  thresholdSpeedMps: number;
  profile: ProfileName;
  premium: boolean;
  createdAtS: number;
  /** When true this athlete's activity ids exceed Number.MAX_SAFE_INTEGER. */
  largeIds: boolean;
}

/** Everything needed to regenerate one activity deterministically. Cheap to keep for thousands. */
export interface ActivityPlan {
  id: bigint;
  athleteId: number;
  kind: WorkoutKind;
  /** Start instant, epoch ms UTC. */
  startMs: number;
  targetDurationS: number;
  seed: string;
  hasHeartrate: boolean;
  private: boolean;
  name: string;
  /** Caller-given streams and summary (tests): used instead of the generator. */
  exact?: MaterializedActivity;
}

/** Summary numbers computed from the generated streams (or from the plan for manual entries). */
export interface ActivityStats {
  sportType: string;
  type: string;
  distanceM: number;
  movingTimeS: number;
  elapsedTimeS: number;
  totalElevationGainM: number;
  elevHighM: number | null;
  elevLowM: number | null;
  averageSpeedMps: number;
  maxSpeedMps: number;
  averageHeartrateBpm: number | null;
  maxHeartrateBpm: number | null;
  averageWattsW: number | null;
  weightedAverageWattsW: number | null;
  maxWattsW: number | null;
  kilojoules: number | null;
  deviceWatts: boolean | null;
  averageCadence: number | null;
  startLatlng: [number, number] | [];
  endLatlng: [number, number] | [];
  trainer: boolean;
  manual: boolean;
  workoutType: number | null;
  calories: number;
}

export interface MaterializedActivity {
  stats: ActivityStats;
  /** Null for manual activities (no streams at all). */
  streams: StreamSet | null;
}

/** Mutable state of an activity on top of its plan (control API edits). */
export interface ActivityRecord {
  plan: ActivityPlan;
  name: string;
  sportTypeOverride: string | null;
  private: boolean;
  deleted: boolean;
  description: string;
}
