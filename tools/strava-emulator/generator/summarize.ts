import { requiredPowerW } from './physiology';
import type { RawSeries } from './synth';
import type { WorkoutSpec } from './workouts';
import type { ActivityStats, EmulatedAthlete, StreamKey, StreamSet } from '../types';

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Normalized power (Coggan): 4th-power mean of the 30 s rolling average, W. */
export function normalizedPowerW(watts: number[]): number {
  if (watts.length < 30) return watts.reduce((s, w) => s + w, 0) / Math.max(1, watts.length);
  let windowSum = 0;
  let acc = 0;
  let count = 0;
  for (let i = 0; i < watts.length; i++) {
    windowSum += watts[i] ?? 0;
    if (i >= 30) windowSum -= watts[i - 30] ?? 0;
    if (i >= 29) {
      acc += (windowSum / 30) ** 4;
      count++;
    }
  }
  return (acc / count) ** 0.25;
}

function meanWhere(values: number[], keep: (i: number) => boolean): number | null {
  let sum = 0;
  let n = 0;
  values.forEach((v, i) => {
    if (keep(i)) {
      sum += v;
      n++;
    }
  });
  return n === 0 ? null : sum / n;
}

/** Sum of positive altitude changes, m. */
function elevationGainM(altitude: number[]): number {
  let gain = 0;
  for (let i = 1; i < altitude.length; i++) gain += Math.max(0, (altitude[i] ?? 0) - (altitude[i - 1] ?? 0));
  return round(gain, 1);
}

function powerStats(a: EmulatedAthlete, spec: WorkoutSpec, raw: RawSeries, movingS: number) {
  if (spec.locomotion !== 'ride') {
    return {
      averageWattsW: null,
      weightedAverageWattsW: null,
      maxWattsW: null,
      kilojoules: null,
      deviceWatts: null,
    };
  }
  const watts = spec.powerMeter
    ? raw.watts
    : raw.velocity.map((v, i) => (raw.moving[i] ? requiredPowerW(a, v, (raw.grade[i] ?? 0) / 100) : 0));
  const totalJ = watts.reduce((s, w) => s + w, 0);
  return {
    averageWattsW: round(totalJ / Math.max(1, movingS), 1),
    weightedAverageWattsW: spec.powerMeter ? Math.round(normalizedPowerW(raw.watts)) : null,
    maxWattsW: spec.powerMeter ? Math.max(...raw.watts) : null,
    kilojoules: round(totalJ / 1000, 1),
    deviceWatts: spec.powerMeter,
  };
}

/** Summary fields derived from the very streams that will be served, so the two always agree. */
export function summarize(
  a: EmulatedAthlete,
  spec: WorkoutSpec,
  raw: RawSeries,
  hasHeartrate: boolean,
): Omit<ActivityStats, 'sportType' | 'type' | 'manual' | 'trainer' | 'workoutType'> {
  const movingS = raw.moving.filter(Boolean).length;
  const distanceM = raw.distance[raw.distance.length - 1] ?? 0;
  const hrAvg = hasHeartrate ? meanWhere(raw.heartrate, (i) => raw.moving[i] === true) : null;
  const cadAvg = meanWhere(raw.cadence, (i) => (raw.cadence[i] ?? 0) > 0);
  const power = powerStats(a, spec, raw, movingS);
  const first = raw.latlng[0];
  const last = raw.latlng[raw.latlng.length - 1];
  const durationH = raw.time.length / 3600;
  return {
    distanceM,
    movingTimeS: movingS,
    elapsedTimeS: raw.time.length,
    totalElevationGainM: spec.outdoor ? elevationGainM(raw.altitude) : 0,
    elevHighM: spec.outdoor ? Math.max(...raw.altitude) : null,
    elevLowM: spec.outdoor ? Math.min(...raw.altitude) : null,
    averageSpeedMps: round(distanceM / Math.max(1, movingS), 3),
    maxSpeedMps: round(Math.max(0, ...raw.velocity), 3),
    averageHeartrateBpm: hrAvg === null ? null : round(hrAvg, 1),
    maxHeartrateBpm: hasHeartrate ? Math.max(...raw.heartrate) : null,
    ...power,
    averageCadence: cadAvg === null ? null : round(cadAvg, 1),
    startLatlng: spec.outdoor && first ? first : [],
    endLatlng: spec.outdoor && last ? last : [],
    calories: Math.round(
      power.kilojoules ??
        (spec.locomotion === 'strength' ? 350 * durationH : a.weightKg * (distanceM / 1000)),
    ),
  };
}

/** Picks the recorded streams out of the raw series. */
export function toStreamSet(raw: RawSeries, keys: StreamKey[]): StreamSet {
  const all: Record<StreamKey, StreamSet[StreamKey]> = {
    time: raw.time,
    distance: raw.distance,
    latlng: raw.latlng,
    altitude: raw.altitude,
    velocity_smooth: raw.velocity,
    heartrate: raw.heartrate,
    cadence: raw.cadence,
    watts: raw.watts,
    grade_smooth: raw.grade,
    moving: raw.moving,
  };
  const set: StreamSet = {};
  for (const k of keys) set[k] = all[k];
  return set;
}
