import { createPrng } from './prng';
import { summarize, toStreamSet } from './summarize';
import { synthesize } from './synth';
import { WORKOUTS, buildSegments, streamKeysFor, type WorkoutSpec } from './workouts';
import type { ActivityPlan, ActivityStats, EmulatedAthlete, MaterializedActivity } from '../types';

function manualStats(a: EmulatedAthlete, spec: WorkoutSpec, plan: ActivityPlan): MaterializedActivity {
  const prng = createPrng(plan.seed);
  const durationS = plan.targetDurationS;
  const distanceM = Math.round(durationS * a.thresholdSpeedMps * prng.range(0.7, 0.78));
  const stats: ActivityStats = {
    ...base(spec),
    distanceM,
    movingTimeS: durationS,
    elapsedTimeS: durationS,
    totalElevationGainM: 0,
    elevHighM: null,
    elevLowM: null,
    averageSpeedMps: Math.round((distanceM / durationS) * 1000) / 1000,
    maxSpeedMps: 0,
    averageHeartrateBpm: null,
    maxHeartrateBpm: null,
    averageWattsW: null,
    weightedAverageWattsW: null,
    maxWattsW: null,
    kilojoules: null,
    deviceWatts: null,
    averageCadence: null,
    startLatlng: [],
    endLatlng: [],
    calories: Math.round(a.weightKg * (distanceM / 1000)),
  };
  return { stats, streams: null };
}

function base(spec: WorkoutSpec) {
  return {
    sportType: spec.sportType,
    type: spec.type,
    manual: spec.manual,
    trainer: spec.trainer,
    workoutType: spec.workoutType,
  };
}

/**
 * Regenerates an activity's streams and summary from its plan. Deterministic: the same plan and athlete
 * always give identical output, so callers may drop the streams and regenerate them later.
 */
export function materializeActivity(a: EmulatedAthlete, plan: ActivityPlan): MaterializedActivity {
  if (plan.exact) return plan.exact;
  const spec = WORKOUTS[plan.kind];
  if (spec.manual) return manualStats(a, spec, plan);
  const prng = createPrng(plan.seed);
  const segments = buildSegments(plan.kind, plan.targetDurationS, prng.fork('segments'));
  const raw = synthesize(a, spec, segments, prng.fork('synth'));
  const keys = streamKeysFor(spec).filter((k) => plan.hasHeartrate || k !== 'heartrate');
  const stats: ActivityStats = { ...base(spec), ...summarize(a, spec, raw, plan.hasHeartrate) };
  return { stats, streams: toStreamSet(raw, keys) };
}
