/**
 * The grade blend of §4.2 reduced to three weighted means, so the per-activity split needs no per-sample
 * arrays: share[m] = L[m]*lvl + U[m]*up + D[m]*down, where L/U/D are the level/uphill/downhill rows.
 * (w_up and w_down are never both non-zero in one sample.) The eccentric extra is in eccentric.ts.
 */
import { FULL_HILL_GRADE_PCT } from './coefficients';

// A local copy: imported bindings can compile to getter calls inside the per-sample loop.
const FULL_HILL_PCT = FULL_HILL_GRADE_PCT;

/**
 * Weighted means over the activity of the grade blend weights `lvl`, `up`, `down` (w_lvl, w_up, w_down).
 * Keeping only these sums lets the per-sample loop stay allocation-free and lets the summary fallback reuse
 * the same algebra.
 */
export interface GradeMix {
  lvl: number;
  up: number;
  down: number;
}

export const LEVEL_MIX: GradeMix = { lvl: 1, up: 0, down: 0 };

export function mixFromSeries(gradePct: Float64Array, weights: Float64Array): GradeMix | null {
  let total = 0;
  let up = 0;
  let down = 0;
  for (let i = 0; i < gradePct.length; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    const g = gradePct[i]! / FULL_HILL_PCT;
    total += w;
    if (g > 0) up += w * Math.min(g, 1);
    else if (g < 0) down += w * Math.min(-g, 1);
  }
  if (!(total > 0)) return null;
  return {
    lvl: 1 - (up + down) / total,
    up: up / total,
    down: down / total,
  };
}

/** A loop at average gradient g: half the duration climbing at +g, half descending at -g. */
export function mixFromSummaryGrade(gradePct: number): GradeMix {
  const w = Math.min(Math.max(gradePct / FULL_HILL_GRADE_PCT, 0), 1);
  return { lvl: 1 - w, up: w / 2, down: w / 2 };
}
