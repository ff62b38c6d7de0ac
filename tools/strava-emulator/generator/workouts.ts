import type { Prng } from './prng';
import type { StreamKey, WorkoutKind } from '../types';

/** One block of constant target intensity. `intensity` is a fraction of threshold (1 = LT pace/FTP). */
export interface Segment {
  durationS: number;
  intensity: number;
  /** False for rest between swim/strength sets: no movement, `moving` false. */
  moving: boolean;
}

export type Locomotion = 'run' | 'hike' | 'ride' | 'swim' | 'strength';
export type TerrainKind = 'flat' | 'rolling' | 'hilly-road' | 'trail' | 'mountain';

/** Static facts about a workout kind. */
export interface WorkoutSpec {
  sportType: string;
  type: string;
  locomotion: Locomotion;
  terrain: TerrainKind | null;
  /** Has GPS (latlng). */
  outdoor: boolean;
  trainer: boolean;
  /** Power meter present: `watts` stream and device_watts true. */
  powerMeter: boolean;
  manual: boolean;
  /** Strava workout_type: 1 race (run), 11 race (ride), 0/10 default, null for other sports. */
  workoutType: number | null;
  durationRangeS: [number, number];
}

const run = (terrain: TerrainKind, workoutType: number, dur: [number, number]): WorkoutSpec => ({
  sportType: terrain === 'trail' ? 'TrailRun' : 'Run',
  type: 'Run',
  locomotion: 'run',
  terrain,
  outdoor: true,
  trainer: false,
  powerMeter: false,
  manual: false,
  workoutType,
  durationRangeS: dur,
});

const ride = (over: Partial<WorkoutSpec>): WorkoutSpec => ({
  sportType: 'Ride',
  type: 'Ride',
  locomotion: 'ride',
  terrain: 'rolling',
  outdoor: true,
  trainer: false,
  powerMeter: true,
  manual: false,
  workoutType: 10,
  durationRangeS: [5400, 10800],
  ...over,
});

/** The catalogue of workout kinds the generator can make. */
export const WORKOUTS: Record<WorkoutKind, WorkoutSpec> = {
  'easy-run': run('rolling', 0, [2400, 4200]),
  'tempo-run': run('rolling', 3, [3000, 4200]),
  'interval-run': run('flat', 3, [3300, 4500]),
  'long-run': run('hilly-road', 2, [6600, 10800]),
  'trail-run': run('trail', 0, [5400, 12600]),
  'race-run': run('flat', 1, [2400, 5400]),
  'ride-power': ride({}),
  'ride-no-power': ride({ powerMeter: false, durationRangeS: [3600, 7200] }),
  'indoor-ride': ride({ terrain: null, outdoor: false, trainer: true, durationRangeS: [2700, 5400] }),
  'race-ride': ride({ workoutType: 11, terrain: 'hilly-road', durationRangeS: [5400, 9000] }),
  swim: {
    ...ride({ sportType: 'Swim', type: 'Swim', locomotion: 'swim', terrain: null, outdoor: false }),
    powerMeter: false,
    workoutType: null,
    durationRangeS: [2100, 3600],
  },
  hike: { ...run('mountain', 0, [7200, 14400]), sportType: 'Hike', type: 'Hike', locomotion: 'hike' },
  'weight-training': {
    ...run('flat', 0, [2400, 4200]),
    sportType: 'WeightTraining',
    type: 'WeightTraining',
    locomotion: 'strength',
    terrain: null,
    outdoor: false,
    trainer: true,
    workoutType: null,
  },
  'manual-run': { ...run('flat', 0, [1800, 3600]), outdoor: false, manual: true },
};

/** Streams a kind records (before dropping heartrate for athletes without a strap). */
export function streamKeysFor(spec: WorkoutSpec): StreamKey[] {
  if (spec.manual) return [];
  if (spec.locomotion === 'strength') return ['time', 'heartrate'];
  const keys: StreamKey[] = ['time', 'distance', 'velocity_smooth', 'heartrate', 'cadence', 'moving'];
  if (spec.outdoor) keys.push('latlng', 'altitude', 'grade_smooth');
  if (spec.powerMeter) keys.push('watts');
  return keys;
}

/** Builds the intensity blocks of a session lasting about `durationS`. */
export function buildSegments(kind: WorkoutKind, durationS: number, prng: Prng): Segment[] {
  const seg = (d: number, i: number, moving = true): Segment => ({
    durationS: Math.round(d),
    intensity: i,
    moving,
  });
  switch (kind) {
    case 'tempo-run': {
      const core = durationS - 1500;
      return [seg(900, 0.72), seg(core, prng.range(0.88, 0.93)), seg(600, 0.68)];
    }
    case 'interval-run':
      return repeats(
        seg(900, 0.72),
        seg(600, 0.66),
        durationS - 1500,
        prng.int(180, 300),
        prng.int(90, 150),
        1.06,
        0.6,
      );
    case 'race-run':
    case 'race-ride':
      return [seg(durationS, kind === 'race-run' ? prng.range(0.97, 1.03) : prng.range(0.86, 0.92))];
    case 'long-run':
      return [seg(durationS * 0.8, prng.range(0.72, 0.76)), seg(durationS * 0.2, prng.range(0.8, 0.85))];
    case 'swim':
      return repeats(seg(400, 0.7), seg(200, 0.65), durationS - 600, prng.int(90, 300), 30, 0.9, 0, false);
    case 'weight-training':
      return repeats(seg(300, 0.45), seg(120, 0.35), durationS - 420, 45, prng.int(75, 120), 0.62, 0.3);
    case 'indoor-ride':
      return repeats(seg(600, 0.6), seg(600, 0.55), durationS - 1200, 480, 240, prng.range(0.95, 1.0), 0.55);
    case 'hike':
      return [seg(durationS, prng.range(0.5, 0.6))];
    case 'ride-power':
    case 'ride-no-power':
      return [seg(durationS, prng.range(0.62, 0.72))];
    case 'easy-run':
    case 'trail-run':
    case 'manual-run':
      return [seg(durationS, prng.range(0.7, 0.77))];
  }
}

/** Warm-up, alternating work/rest blocks filling `mainS`, cool-down. */
function repeats(
  warm: Segment,
  cool: Segment,
  mainS: number,
  workS: number,
  restS: number,
  workI: number,
  restI: number,
  restMoving = true,
): Segment[] {
  const out: Segment[] = [warm];
  for (let used = 0; used + workS + restS <= Math.max(mainS, workS + restS); used += workS + restS) {
    out.push({ durationS: workS, intensity: workI, moving: true });
    out.push({ durationS: restS, intensity: restI, moving: restMoving });
  }
  out.push(cool);
  return out;
}
