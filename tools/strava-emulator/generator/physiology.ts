import type { EmulatedAthlete } from '../types';

/**
 * Small physiological models used by the stream synthesizer. Intensity `f` is a fraction of threshold
 * (lactate-threshold speed for runs, FTP for rides); slopes are fractions (0.1 = 10 %).
 */

/** Steady-state heart rate for an effort, with cardiac drift of ~5 bpm per hour at threshold. */
export function targetHeartrateBpm(a: EmulatedAthlete, effort: number, elapsedS: number): number {
  const e = Math.max(0, effort);
  const base =
    e <= 1
      ? a.restHrBpm + (a.lthrBpm - a.restHrBpm) * (0.2 + 0.8 * e)
      : a.lthrBpm + (a.maxHrBpm - a.lthrBpm) * Math.min(1, (e - 1) / 0.12);
  const driftBpm = 5 * (elapsedS / 3600) * Math.min(1, e);
  return Math.min(a.maxHrBpm, base + driftBpm);
}

/** First-order lag of heart rate toward its target: faster rising (τ 20 s) than recovering (τ 35 s). */
export function nextHeartrate(currentBpm: number, targetBpm: number): number {
  const tauS = targetBpm > currentBpm ? 20 : 35;
  return currentBpm + (targetBpm - currentBpm) * (1 - Math.exp(-1 / tauS));
}

/** Running/hiking speed multiplier for a slope: slower uphill, faster on gentle descents, slower on steep ones. */
export function gradeSpeedFactor(slope: number): number {
  if (slope >= 0) return 1 / (1 + 6 * slope);
  const down = -slope;
  if (down < 0.08) return 1 + 1.5 * down;
  return Math.max(0.45, 1.12 - 2.2 * (down - 0.08));
}

const GRAVITY = 9.81;
const AIR_DENSITY = 1.2;
const CDA_M2 = 0.32;
const CRR = 0.004;
const BIKE_KG = 9;

/**
 * One second of bicycle dynamics: new speed (m/s) after riding at `powerW` on `slope`.
 * Inertia keeps speed changes gradual; coasting downhill accelerates toward terminal speed.
 */
export function nextRideSpeedMps(
  a: EmulatedAthlete,
  speedMps: number,
  powerW: number,
  slope: number,
): number {
  const massKg = a.weightKg + BIKE_KG;
  const propulsionN = (powerW * 0.97) / Math.max(speedMps, 2);
  const resistanceN = massKg * GRAVITY * (slope + CRR) + 0.5 * AIR_DENSITY * CDA_M2 * speedMps * speedMps;
  const next = speedMps + (propulsionN - resistanceN) / massKg;
  return Math.min(22, Math.max(0, next));
}

/** The power (W) actually needed at a speed and slope; used for Strava-style estimated power. */
export function requiredPowerW(a: EmulatedAthlete, speedMps: number, slope: number): number {
  const massKg = a.weightKg + BIKE_KG;
  const forceN = massKg * GRAVITY * (slope + CRR) + 0.5 * AIR_DENSITY * CDA_M2 * speedMps * speedMps;
  return Math.max(0, (forceN * speedMps) / 0.97);
}

/** FTP to simulate rides with, even for athletes whose profile has no power meter. */
export function effectiveFtpW(a: EmulatedAthlete): number {
  return a.ftpW ?? Math.round(a.weightKg * 2.9);
}
