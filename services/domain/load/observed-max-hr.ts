/**
 * Observed maximum heart rate, for resolvePhysiology. Workers store the per-activity value and pass the
 * 12-month maximum in as a number; the domain never reads the database.
 */
import type { CleanedStreams } from './clean-streams';
import { dayNumber } from './local-date';

/** A peak must be held this long: a residual artefact rarely lasts 5 consecutive samples. */
export const OBSERVED_MAX_HR_HOLD_SAMPLES = 5;
const LOOKBACK_DAYS = 365;

/** Highest HR held for 5 consecutive valid samples of a cleaned stream (the max over windows of their minimum). */
export function observedMaxHrBpm(cleaned: CleanedStreams): number | null {
  const hr = cleaned.hrBpm;
  if (!hr) return null;
  let best = Number.NEGATIVE_INFINITY;
  let run = 0;
  for (let k = 0; k < hr.length; k++) {
    run = hr[k] === hr[k] ? run + 1 : 0;
    // The window's minimum is at most hr[k], so a window ending at or below `best` cannot win.
    if (run < OBSERVED_MAX_HR_HOLD_SAMPLES || hr[k]! <= best) continue;
    let low = Number.POSITIVE_INFINITY;
    for (let j = k - OBSERVED_MAX_HR_HOLD_SAMPLES + 1; j <= k; j++) low = Math.min(low, hr[j]!);
    if (low > best) best = low;
  }
  return best === Number.NEGATIVE_INFINITY ? null : best;
}

/** Highest stored per-activity maximum from 365 days before `todayLocalDate` up to and including it. */
export function maxHrOverLast12Months(
  perActivity: readonly { localDate: string; maxHrBpm: number | null }[],
  todayLocalDate: string,
): number | null {
  const today = dayNumber(todayLocalDate);
  if (today === null) return null;
  let best: number | null = null;
  for (const entry of perActivity) {
    const day = dayNumber(entry.localDate);
    const hr = entry.maxHrBpm;
    if (day === null || day > today || day < today - LOOKBACK_DAYS) continue;
    if (typeof hr === 'number' && Number.isFinite(hr) && (best === null || hr > best)) best = hr;
  }
  return best;
}
