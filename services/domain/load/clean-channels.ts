/** Per-channel plausibility cleaning of selected samples: implausible values become NaN and are counted. */
import { MINETTI_GRADE_LIMIT } from './constants';
import type { CleaningKind } from './types';

// A local copy: imported bindings can compile to getter calls inside the per-sample loop.
const GRADE_LIMIT = MINETTI_GRADE_LIMIT;

/** Limits: outside these a sample is an artefact, not physiology. */
export const HR_MIN_BPM = 25;
export const HR_MAX_BPM = 250;
/** A single sample this far above (or below) both neighbours is an optical/strap spike. */
export const HR_SPIKE_BPM = 25;
export const POWER_MAX_W = 2500;
/** Absurd speeds: faster than any human on foot / on a bike. */
export const FOOT_SPEED_MAX_MPS = 12;
export const OTHER_SPEED_MAX_MPS = 40;

/** The kept samples: raw indices and the seconds credited to each. */
export interface Selection {
  index: number[];
  dtS: number[];
  length: number;
}

type Counts = Record<CleaningKind, number>;

export function cleanHr(raw: unknown[], sel: Selection, counts: Counts): number[] {
  const out = new Array<number>(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    if (typeof v !== 'number' || !Number.isFinite(v)) counts.hrNonFinite++;
    else if (v === 0) counts.hrZero++;
    else if (v < HR_MIN_BPM || v > HR_MAX_BPM) counts.hrOutOfRange++;
    else {
      out[k] = v;
      continue;
    }
    out[k] = Number.NaN;
  }
  removeHrSpikes(out, counts);
  return out;
}

/** Isolated one-sample spikes: far from both neighbours in the same direction. Sustained changes stay. */
function removeHrSpikes(hr: number[], counts: Counts): void {
  let prev = hr[0]!;
  for (let k = 1; k < hr.length - 1; k++) {
    const cur = hr[k]!;
    const next = hr[k + 1]!;
    const up = cur - prev > HR_SPIKE_BPM && cur - next > HR_SPIKE_BPM;
    const down = prev - cur > HR_SPIKE_BPM && next - cur > HR_SPIKE_BPM;
    prev = cur;
    if (up || down) {
      hr[k] = Number.NaN;
      counts.hrSpike++;
    }
  }
}

export function cleanPower(raw: unknown[], sel: Selection, counts: Counts): number[] {
  const out = new Array<number>(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    if (typeof v !== 'number' || !Number.isFinite(v)) counts.powerNonFinite++;
    else if (v < 0) counts.powerNegative++;
    else if (v > POWER_MAX_W) counts.powerAbsurd++;
    else {
      out[k] = v;
      continue;
    }
    out[k] = Number.NaN;
  }
  return out;
}

export function cleanSpeed(raw: unknown[], sel: Selection, maxMps: number, counts: Counts) {
  const out = new Array<number>(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    const ok = typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= maxMps;
    if (!ok) counts.speedInvalid++;
    out[k] = ok ? v : Number.NaN;
  }
  return out;
}

export function cleanGrade(raw: unknown[], sel: Selection, counts: Counts): number[] {
  const out = new Array<number>(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      counts.gradeInvalid++;
      out[k] = Number.NaN;
      continue;
    }
    const frac = v / 100;
    if (Math.abs(frac) > GRADE_LIMIT) counts.gradeClamped++;
    out[k] = frac > GRADE_LIMIT ? GRADE_LIMIT : frac < -GRADE_LIMIT ? -GRADE_LIMIT : frac;
  }
  return out;
}
