/**
 * Current and projected per-area strain for one athlete from their recent sessions. Pure: the caller passes
 * the clock (`nowMs`) and the sessions; nothing here reads the time or the database.
 */
import { BODY_AREAS, BODY_AREA_LABELS, type AreaRecord, type BodyArea } from './body-areas';
import type { ActivityStrain } from './activity-strain';
import { isEccentricBout, repeatedBoutProtection } from './repeated-bout';
import { STRAIN_STATE_THRESHOLDS, classifyStrain, type StrainState } from './strain-state';
import { FATIGUE_TAU_H, SORENESS_AREA_H, fatigueFraction, sorenessFraction } from './time-course';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What the projection needs from one stored activity strain estimate. */
export interface StrainSession {
  /** Activity start, epoch milliseconds. */
  startMs: number;
  /** Passed through as `mainActivityId` when this session dominates an area's projection. */
  activityId?: string | null;
  areaLoadsAu: AreaRecord;
  eccentricLoadsAu: AreaRecord;
}

export function toStrainSession(
  strain: ActivityStrain,
  startMs: number,
  activityId?: string | null,
): StrainSession {
  return {
    startMs,
    activityId: activityId ?? null,
    areaLoadsAu: strain.areaLoadsAu,
    eccentricLoadsAu: strain.eccentricLoadsAu,
  };
}

export interface AreaStrain {
  area: BodyArea;
  label: string;
  /** Superposed soreness S now, AU (one session's curve peaks at its damage load). */
  sorenessNowAu: number;
  /** Superposed soreness at now + projectionHorizonH. */
  sorenessProjectedAu: number;
  /** Superposed residual fatigue F now, AU. */
  fatigueNowAu: number;
  /** The soreness level the athlete's usual load keeps this area at (floored), AU. */
  baselineSorenessAu: number;
  /** sorenessProjectedAu / baselineSorenessAu. */
  strainIndex: number;
  state: StrainState;
  /** The session contributing most to sorenessProjectedAu (null if none or it had no id). */
  mainActivityId: string | null;
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

const finiteLoad = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

function usableSessions(sessions: readonly StrainSession[], nowMs: number): StrainSession[] {
  // Callers outside TypeScript may pass anything; the cast undoes Array.isArray's `any[]` narrowing.
  const list = Array.isArray(sessions) ? (sessions as readonly StrainSession[]) : [];
  return list
    .filter(
      (s) => s && Number.isFinite(s.startMs) && s.startMs <= nowMs && s.areaLoadsAu && s.eccentricLoadsAu,
    )
    .sort((a, b) => a.startMs - b.startMs);
}

interface Superposed {
  sorenessNowAu: number;
  sorenessProjectedAu: number;
  fatigueNowAu: number;
  /** Damage of the sessions inside the baseline window, AU. */
  windowDamageAu: number;
  mainActivityId: string | null;
  /** Start times of the area's eccentric-heavy bouts, oldest first. */
  boutStartsMs: number[];
}

/** Sums every session's soreness, fatigue and baseline contribution for one area (sessions sorted by start). */
function superpose(
  area: BodyArea,
  sessions: readonly StrainSession[],
  nowMs: number,
  rbe: boolean,
): Superposed {
  const t = STRAIN_STATE_THRESHOLDS;
  const out: Superposed = {
    sorenessNowAu: 0,
    sorenessProjectedAu: 0,
    fatigueNowAu: 0,
    windowDamageAu: 0,
    mainActivityId: null,
    boutStartsMs: [],
  };
  let mainAu = 0;
  for (const s of sessions) {
    const eccentricAu = finiteLoad(s.eccentricLoadsAu[area]);
    const protection = rbe ? repeatedBoutProtection(out.boutStartsMs, s.startMs) : 0;
    const damageAu = finiteLoad(s.areaLoadsAu[area]) + eccentricAu * (1 - protection);
    const eccentricBout = isEccentricBout(eccentricAu);
    if (eccentricBout) out.boutStartsMs.push(s.startMs);
    const hoursSince = (nowMs - s.startMs) / HOUR_MS;
    const tauH = area === 'quads' && eccentricBout ? FATIGUE_TAU_H.eccentricQuads : FATIGUE_TAU_H.default;
    const projectedAu = damageAu * sorenessFraction(hoursSince + t.projectionHorizonH);
    out.sorenessNowAu += damageAu * sorenessFraction(hoursSince);
    out.sorenessProjectedAu += projectedAu;
    out.fatigueNowAu += damageAu * fatigueFraction(hoursSince, tauH);
    if (nowMs - s.startMs <= t.baselineWindowDays * DAY_MS) out.windowDamageAu += damageAu;
    if (projectedAu > mainAu) {
      mainAu = projectedAu;
      out.mainActivityId = s.activityId ?? null;
    }
  }
  return out;
}

function projectArea(
  area: BodyArea,
  sessions: readonly StrainSession[],
  nowMs: number,
  rbe: boolean,
): AreaStrain {
  const t = STRAIN_STATE_THRESHOLDS;
  const sums = superpose(area, sessions, nowMs, rbe);
  const dailyAu = Math.max(sums.windowDamageAu / t.baselineWindowDays, t.baselineFloorDailyAu);
  const baselineSorenessAu = (dailyAu * SORENESS_AREA_H) / 24;
  const strainIndex = sums.sorenessProjectedAu / baselineSorenessAu;
  return {
    area,
    label: BODY_AREA_LABELS[area],
    sorenessNowAu: sums.sorenessNowAu,
    sorenessProjectedAu: sums.sorenessProjectedAu,
    fatigueNowAu: sums.fatigueNowAu,
    baselineSorenessAu,
    strainIndex,
    state: classifyStrain(sums.sorenessNowAu / baselineSorenessAu, strainIndex),
    mainActivityId: sums.mainActivityId,
    repeatedBoutProtection: rbe ? repeatedBoutProtection(sums.boutStartsMs, nowMs + 1) : 0,
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
