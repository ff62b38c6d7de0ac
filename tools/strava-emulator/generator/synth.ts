import { createTerrain, type Terrain } from './terrain';
import {
  effectiveFtpW,
  gradeSpeedFactor,
  nextHeartrate,
  nextRideSpeedMps,
  targetHeartrateBpm,
} from './physiology';
import type { Prng } from './prng';
import type { Segment, WorkoutSpec } from './workouts';
import type { EmulatedAthlete } from '../types';

/** Raw 1 Hz series for one activity; `estimatedPowerW` backs rides without a power meter. */
export interface RawSeries {
  time: number[];
  distance: number[];
  velocity: number[];
  heartrate: number[];
  cadence: number[];
  watts: number[];
  altitude: number[];
  grade: number[];
  latlng: [number, number][];
  moving: boolean[];
}

interface Tick {
  t: number;
  distM: number;
  speedMps: number;
  hrBpm: number;
  powerVar: number;
  lat: number;
  lng: number;
  headingRad: number;
}

/** Expands blocks into one intensity (and moving flag) per second. */
function perSecond(segments: Segment[]): { intensity: Float64Array; segMoving: Uint8Array } {
  const n = segments.reduce((s, g) => s + g.durationS, 0);
  const intensity = new Float64Array(n);
  const segMoving = new Uint8Array(n);
  let i = 0;
  for (const g of segments) {
    intensity.fill(g.intensity, i, i + g.durationS);
    segMoving.fill(g.moving ? 1 : 0, i, i + g.durationS);
    i += g.durationS;
  }
  return { intensity, segMoving };
}

/** Seconds at which outdoor sessions stop (traffic lights, gates, photo stops). */
function pauseMask(n: number, spec: WorkoutSpec, prng: Prng): Uint8Array {
  const mask = new Uint8Array(n);
  if (!spec.outdoor || spec.workoutType === 1 || spec.workoutType === 11) return mask;
  const stops = prng.int(0, 3);
  for (let k = 0; k < stops; k++) {
    const at = prng.int(Math.floor(n * 0.15), Math.floor(n * 0.9));
    mask.fill(1, at, Math.min(n, at + prng.int(15, 90)));
  }
  return mask;
}

/** Speed (m/s), power (W) and physiological effort for one second. */
function step(a: EmulatedAthlete, spec: WorkoutSpec, s: Tick, f: number, slope: number, prng: Prng) {
  const smooth = (target: number) => s.speedMps + (target - s.speedMps) * 0.3;
  switch (spec.locomotion) {
    case 'run':
    case 'hike': {
      const base = spec.locomotion === 'run' ? a.thresholdSpeedMps * f : 1.45 * (f / 0.55);
      const speed = smooth(base * gradeSpeedFactor(slope) * (1 + prng.normal(0, 0.02)));
      return { speed, power: 0, effort: Math.min(1.15, Math.max(0.35, f + 0.8 * slope)) };
    }
    case 'ride': {
      s.powerVar = 0.85 * s.powerVar + prng.normal(0, spec.trainer ? 0.02 : 0.07);
      const coasting = slope < -0.035 || (!spec.trainer && prng.chance(0.02));
      const power = coasting ? 0 : Math.max(0, effectiveFtpW(a) * f * (1 + s.powerVar));
      const speed = nextRideSpeedMps(a, s.speedMps, power, spec.trainer ? 0 : slope);
      return { speed, power, effort: power / effectiveFtpW(a) };
    }
    case 'swim':
      return { speed: smooth(1.3 * (f / 0.9) * (1 + prng.normal(0, 0.03))), power: 0, effort: f };
    case 'strength':
      return { speed: 0, power: 0, effort: f };
  }
}

function cadenceFor(spec: WorkoutSpec, f: number, power: number, moving: boolean, prng: Prng): number {
  if (!moving) return 0;
  switch (spec.locomotion) {
    case 'run':
      return Math.round(82 + 8 * f + prng.normal(0, 1.2));
    case 'hike':
      return Math.round(52 + prng.normal(0, 2));
    case 'ride':
      return power > 0 ? Math.round(88 + prng.normal(0, 3)) : 0;
    case 'swim':
      return Math.round(30 + prng.normal(0, 1.5));
    case 'strength':
      return 0;
  }
}

/**
 * Simulates one session second by second. Speed follows intensity and slope; altitude and grade come from
 * the same terrain at the simulated distance, so they agree; heart rate lags effort and drifts upward.
 */
export function synthesize(
  a: EmulatedAthlete,
  spec: WorkoutSpec,
  segments: Segment[],
  prng: Prng,
): RawSeries {
  const { intensity, segMoving } = perSecond(segments);
  const n = intensity.length;
  const paused = pauseMask(n, spec, prng.fork('pauses'));
  const terrain: Terrain | null = spec.terrain
    ? createTerrain(spec.terrain, prng.fork('terrain'), prng.range(20, 600))
    : null;
  const out: RawSeries = {
    time: [],
    distance: [],
    velocity: [],
    heartrate: [],
    cadence: [],
    watts: [],
    altitude: [],
    grade: [],
    latlng: [],
    moving: [],
  };
  const [lat0, lng0] = a.homeLatlng;
  const s: Tick = {
    t: 0,
    distM: 0,
    speedMps: 0,
    hrBpm: a.restHrBpm + 15,
    powerVar: 0,
    lat: lat0 + prng.normal(0, 0.01),
    lng: lng0 + prng.normal(0, 0.01),
    headingRad: prng.range(0, 2 * Math.PI),
  };
  for (; s.t < n; s.t++) {
    const stopped = paused[s.t] === 1 || segMoving[s.t] === 0;
    const f = intensity[s.t] ?? 0;
    const slope = terrain ? terrain.grade(s.distM) : 0;
    const r = stopped ? { speed: 0, power: 0, effort: 0.15 } : step(a, spec, s, f, slope, prng);
    s.speedMps = r.speed;
    s.distM += r.speed;
    s.hrBpm = nextHeartrate(s.hrBpm, targetHeartrateBpm(a, r.effort, s.t));
    const moving = r.speed > 0.3 || (spec.locomotion === 'strength' && !stopped);
    s.headingRad += prng.normal(0, 0.04);
    s.lat += (r.speed * Math.cos(s.headingRad)) / 111_320;
    s.lng += (r.speed * Math.sin(s.headingRad)) / (111_320 * Math.cos((s.lat * Math.PI) / 180));
    out.time.push(s.t);
    out.distance.push(Math.round(s.distM * 10) / 10);
    out.velocity.push(Math.round(r.speed * 1000) / 1000);
    out.heartrate.push(Math.round(s.hrBpm + prng.normal(0, 0.7)));
    out.cadence.push(cadenceFor(spec, f, r.power, moving, prng));
    out.watts.push(Math.round(r.power));
    out.altitude.push(terrain ? Math.round(terrain.altitudeM(s.distM) * 10) / 10 : 0);
    out.grade.push(Math.round(slope * 1000) / 10);
    out.latlng.push([Math.round(s.lat * 1e6) / 1e6, Math.round(s.lng * 1e6) / 1e6]);
    out.moving.push(moving);
  }
  return out;
}
