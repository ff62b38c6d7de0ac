/**
 * Activities with caller-given streams (science and end-to-end tests): the summary is derived from the
 * streams the way Strava would report it (moving time, distance, gain, average and max HR), so a test
 * knows exactly what Kneadwise will compute.
 */
import type { ActivityStats, MaterializedActivity, StreamSet } from '../types';

export interface ExactActivityInput {
  sportType: string;
  /** Strava stream keys (time, heartrate, velocity_smooth, grade_smooth, altitude, distance, moving, watts). */
  streams: StreamSet | null;
  /** Summary fields to force (e.g. distanceM and movingTimeS of a summary-only swim). */
  stats?: Partial<ActivityStats>;
}

const nums = (s: StreamSet | null, key: keyof StreamSet): number[] =>
  (s?.[key] as number[] | undefined)?.filter((v) => typeof v === 'number') ?? [];
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function exactActivity(input: ExactActivityInput): MaterializedActivity {
  const time = nums(input.streams, 'time');
  const distance = nums(input.streams, 'distance');
  const altitude = nums(input.streams, 'altitude');
  const hr = nums(input.streams, 'heartrate');
  const watts = nums(input.streams, 'watts');
  const movingTimeS = time.length ? time[time.length - 1]! - time[0]! + 1 : 0;
  const distanceM = distance.length ? distance[distance.length - 1]! : 0;
  let gainM = 0;
  for (let i = 1; i < altitude.length; i++) gainM += Math.max(0, altitude[i]! - altitude[i - 1]!);
  const avgHr = mean(hr);
  const stats: ActivityStats = {
    sportType: input.sportType,
    type: input.sportType,
    distanceM,
    movingTimeS,
    elapsedTimeS: movingTimeS,
    totalElevationGainM: Math.round(gainM * 10) / 10,
    elevHighM: altitude.length ? Math.max(...altitude) : null,
    elevLowM: altitude.length ? Math.min(...altitude) : null,
    averageSpeedMps: movingTimeS > 0 ? distanceM / movingTimeS : 0,
    maxSpeedMps: Math.max(0, ...nums(input.streams, 'velocity_smooth')),
    averageHeartrateBpm: avgHr === null ? null : Math.round(avgHr * 10) / 10,
    maxHeartrateBpm: hr.length ? Math.max(...hr) : null,
    averageWattsW: mean(watts),
    weightedAverageWattsW: null,
    maxWattsW: watts.length ? Math.max(...watts) : null,
    kilojoules: null,
    deviceWatts: watts.length ? true : null,
    averageCadence: null,
    startLatlng: [],
    endLatlng: [],
    trainer: false,
    manual: input.streams === null,
    workoutType: null,
    calories: 0,
    ...input.stats,
  };
  return { stats, streams: input.streams };
}
