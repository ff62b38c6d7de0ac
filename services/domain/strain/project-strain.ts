/**
 * Current and projected per-area strain for one athlete from their recent sessions. Pure: the caller passes
 * the clock (`nowMs`) and the sessions; nothing here reads the time or the database.
 */
import { BODY_AREAS, BODY_AREA_LABELS, type AreaRecord, type BodyArea } from './body-areas';
import type { ActivityStrain } from './activity-strain';
import { isEccentricBout, repeatedBoutProtection } from './repeated-bout';
import { FATIGUE_TAU_H, SORENESS_AREA_H, fatigueFraction, sorenessFraction } from './time-course';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What the projection needs from one stored activity strain estimate. */
export interface StrainSession {
  /** Activity start, epoch milliseconds. */
  startMs: number;
  areaLoads: AreaRecord;
  eccentricLoads: AreaRecord;
}

export function toStrainSession(strain: ActivityStrain, startMs: number): StrainSession {
  return { startMs, areaLoads: strain.areaLoads, eccentricLoads: strain.eccentricLoads };
}

export type StrainState = 'fresh' | 'loaded' | 'strained' | 'recovering';

/**
 * Every threshold of the per-area state, in one place. Index = soreness / baseline soreness.
 * strained: projected index >= 1.5 (training-science §4.3 threshold idea); recovering: was strained now, or
 * above "loaded" but falling; loaded: projected index >= 1.2 and not falling; fresh: otherwise.
 */
export const STRAIN_STATE_THRESHOLDS = {
  strainedIndex: 1.5,
  loadedIndex: 1.2,
  /** The index uses soreness projected this far ahead (tomorrow's soreness from today's sessions). */
  projectionHorizonH: 24,
  /** Baseline = mean daily damage load of the area over this many days... */
  baselineWindowDays: 28,
  /** ...but at least this (load units per day: ~ one threshold hour a week at a typical area share). */
  baselineFloorDailyLoad: 5,
} as const;

export interface AreaStrain {
  area: BodyArea;
  label: string;
  /** Superposed soreness S now, load units (one session's curve peaks at its damage load). */
  sorenessNow: number;
  /** Superposed soreness at now + projectionHorizonH. */
  sorenessProjected: number;
  /** Superposed residual fatigue F now, load units. */
  fatigueNow: number;
  /** The soreness level the athlete's usual load keeps this area at (floored), load units. */
  baselineSoreness: number;
  /** sorenessProjected / baselineSoreness. */
  strainIndex: number;
  state: StrainState;
  /** Fraction (0..0.5) of eccentric extra a new downhill bout would be spared now (repeated-bout effect). */
  repeatedBoutProtection: number;
}

export interface AthleteStrain {
  nowMs: number;
  /** In BODY_AREAS order. */
  areas: AreaStrain[];
  sessionsUsed: number;
  /** Sessions in the future, with an invalid start, or not shaped like a StrainSession. */
  sessionsIgnored: number;
}

export interface ProjectOptions {
  /** Set false to superpose plain damage loads without repeated-bout protection (default true). */
  applyRepeatedBout?: boolean;
}

export function classifyStrain(currentIndex: number, projectedIndex: number): StrainState {
  const t = STRAIN_STATE_THRESHOLDS;
  if (projectedIndex >= t.strainedIndex) return 'strained';
  if (currentIndex >= t.strainedIndex) return 'recovering';
  if (projectedIndex >= t.loadedIndex) return projectedIndex < currentIndex ? 'recovering' : 'loaded';
  return 'fresh';
}

const finiteLoad = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

function usableSessions(sessions: readonly StrainSession[], nowMs: number): StrainSession[] {
  // Callers outside TypeScript may pass anything; the cast undoes Array.isArray's `any[]` narrowing.
  const list = Array.isArray(sessions) ? (sessions as readonly StrainSession[]) : [];
  return list
    .filter((s) => s && Number.isFinite(s.startMs) && s.startMs <= nowMs && s.areaLoads && s.eccentricLoads)
    .sort((a, b) => a.startMs - b.startMs);
}

function projectArea(
  area: BodyArea,
  sessions: readonly StrainSession[],
  nowMs: number,
  rbe: boolean,
): AreaStrain {
  const t = STRAIN_STATE_THRESHOLDS;
  const bouts: number[] = [];
  let sorenessNow = 0;
  let sorenessProjected = 0;
  let fatigueNow = 0;
  let windowDamage = 0;
  for (const s of sessions) {
    const eccentric = finiteLoad(s.eccentricLoads[area]);
    const protection = rbe ? repeatedBoutProtection(bouts, s.startMs) : 0;
    const damage = finiteLoad(s.areaLoads[area]) + eccentric * (1 - protection);
    const eccentricBout = isEccentricBout(eccentric);
    if (eccentricBout) bouts.push(s.startMs);
    const hoursSince = (nowMs - s.startMs) / HOUR_MS;
    const tauH = area === 'quads' && eccentricBout ? FATIGUE_TAU_H.eccentricQuads : FATIGUE_TAU_H.default;
    sorenessNow += damage * sorenessFraction(hoursSince);
    sorenessProjected += damage * sorenessFraction(hoursSince + t.projectionHorizonH);
    fatigueNow += damage * fatigueFraction(hoursSince, tauH);
    if (nowMs - s.startMs <= t.baselineWindowDays * DAY_MS) windowDamage += damage;
  }
  const dailyLoad = Math.max(windowDamage / t.baselineWindowDays, t.baselineFloorDailyLoad);
  const baselineSoreness = (dailyLoad * SORENESS_AREA_H) / 24;
  const strainIndex = sorenessProjected / baselineSoreness;
  const state = classifyStrain(sorenessNow / baselineSoreness, strainIndex);
  const protectionNow = rbe ? repeatedBoutProtection(bouts, nowMs + 1) : 0;
  const label = BODY_AREA_LABELS[area];
  return {
    area,
    label,
    sorenessNow,
    sorenessProjected,
    fatigueNow,
    baselineSoreness,
    strainIndex,
    state,
    repeatedBoutProtection: protectionNow,
  };
}

/**
 * Per-area soreness now and `projectionHorizonH` ahead, residual fatigue, baseline, strain index and state.
 *
 * Pass the athlete's sessions from at least the last 9 weeks (repeated-bout look-back; the baseline uses 28
 * days, soreness is negligible after ~7). Order does not matter; sessions starting after
 * `nowMs` are ignored. Never throws; malformed sessions are skipped and counted.
 */
export function projectAreaStrain(
  sessions: readonly StrainSession[],
  nowMs: number,
  options: ProjectOptions = {},
): AthleteStrain {
  const now = Number.isFinite(nowMs) ? nowMs : 0;
  const usable = usableSessions(sessions, now);
  const total = Array.isArray(sessions) ? sessions.length : 0;
  const rbe = options.applyRepeatedBout !== false;
  return {
    nowMs: now,
    areas: BODY_AREAS.map((area) => projectArea(area, usable, now, rbe)),
    sessionsUsed: usable.length,
    sessionsIgnored: total - usable.length,
  };
}
