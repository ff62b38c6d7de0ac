/**
 * Banister exponential TRIMP and the HR stress score (HRSS) built on it.
 * TRIMP = sum of minutes x HRr x a x exp(b x HRr), HRr = (HR - rest) / (max - rest) clamped to [0, 1].
 * HRSS = 100 x TRIMP / TRIMP(60 min at LTHR) with the same constants: an hour at LTHR = 100.
 */
import { TRIMP_CONSTANTS } from './constants';
import type { CleanedStreams } from './clean-streams';
import type { Sex } from './physiology-types';

export interface HrPhysiology {
  hrMaxBpm: number;
  hrRestBpm: number;
  lthrBpm: number;
  sex: Sex;
}

export interface TrimpConstants {
  a: number;
  b: number;
  /** The constants actually applied: unknown sex uses the male pair. */
  sexUsed: 'male' | 'female';
}

/** Banister constants for a sex; unknown sex gets the male constants (pinned convention). */
export function trimpConstants(sex: Sex): TrimpConstants {
  return sex === 'female'
    ? { ...TRIMP_CONSTANTS.female, sexUsed: 'female' }
    : { ...TRIMP_CONSTANTS.male, sexUsed: 'male' };
}

/** True when the values allow HR maths: finite, rest < LTHR <= max. */
export function isUsableHrPhysiology(p: HrPhysiology): boolean {
  return (
    Number.isFinite(p.hrMaxBpm) &&
    Number.isFinite(p.hrRestBpm) &&
    Number.isFinite(p.lthrBpm) &&
    p.hrRestBpm < p.lthrBpm &&
    p.lthrBpm <= p.hrMaxBpm
  );
}

/** Heart-rate reserve fraction, clamped to [0, 1] (below rest counts 0, above max counts 1). */
export function hrReserveFraction(hrBpm: number, hrRestBpm: number, hrMaxBpm: number): number {
  const hrr = (hrBpm - hrRestBpm) / (hrMaxBpm - hrRestBpm);
  return hrr <= 0 ? 0 : hrr >= 1 ? 1 : hrr;
}

/** TRIMP accumulated per minute at a given HR-reserve fraction. */
export function trimpPerMinute(hrr: number, c: TrimpConstants): number {
  return hrr * c.a * Math.exp(c.b * hrr);
}

/** Summary form: one term with the average HR over the whole duration (underestimates variable sessions). */
export function trimpFromAverageHr(averageHrBpm: number, durationS: number, p: HrPhysiology): number {
  const hrr = hrReserveFraction(averageHrBpm, p.hrRestBpm, p.hrMaxBpm);
  return (durationS / 60) * trimpPerMinute(hrr, trimpConstants(p.sex));
}

export interface StreamTrimp {
  /** TRIMP of the valid samples, scaled up to the whole moving time (see coverage). */
  trimp: number;
  validTimeS: number;
  /** validTimeS / moving time. */
  coverage: number;
}

/**
 * Stream form: each valid sample contributes its credited minutes. Samples whose HR was cleaned away are
 * assumed to look like the rest: the sum is scaled by moving time / valid time (caller checks coverage).
 */
export function trimpFromStream(cleaned: CleanedStreams, p: HrPhysiology): StreamTrimp | null {
  const hr = cleaned.hrBpm;
  if (!hr || cleaned.movingTimeS <= 0) return null;
  const c = trimpConstants(p.sex);
  const span = p.hrMaxBpm - p.hrRestBpm;
  // Strava HR is integer bpm: memoise HRr x exp(b x HRr) per bpm instead of one exp per sample.
  const perBpm = new Map<number, number>();
  let sum = 0;
  let validTimeS = 0;
  for (let k = 0; k < cleaned.length; k++) {
    const bpm = hr[k]!;
    if (bpm !== bpm) continue; // NaN: cleaned away
    let weight = perBpm.get(bpm);
    if (weight === undefined) {
      const hrr = Math.min(1, Math.max(0, (bpm - p.hrRestBpm) / span));
      weight = hrr * Math.exp(c.b * hrr);
      perBpm.set(bpm, weight);
    }
    const dt = cleaned.dtS[k]!;
    sum += dt * weight;
    validTimeS += dt;
  }
  if (validTimeS <= 0) return { trimp: 0, validTimeS: 0, coverage: 0 };
  const coverage = validTimeS / cleaned.movingTimeS;
  return { trimp: ((sum * c.a) / 60) * (cleaned.movingTimeS / validTimeS), validTimeS, coverage };
}

/** TRIMP of 60 minutes exactly at LTHR: the HRSS normaliser. */
export function trimpOfHourAtLthr(p: HrPhysiology): number {
  const hrr = hrReserveFraction(p.lthrBpm, p.hrRestBpm, p.hrMaxBpm);
  return 60 * trimpPerMinute(hrr, trimpConstants(p.sex));
}

/** HRSS = 100 x TRIMP / TRIMP(60 min at LTHR). Never call it "hrTSS": TrainingPeaks' formula is unpublished. */
export function hrssFromTrimp(trimp: number, p: HrPhysiology): number {
  return (100 * trimp) / trimpOfHourAtLthr(p);
}
