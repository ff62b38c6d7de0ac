/**
 * Coggan power metrics. NP = 4th root of the mean of (30-s rolling mean power)^4, the first window
 * ending at 30 s (no zero padding); IF = NP / FTP; TSS = moving hours x IF^2 x 100.
 */
import { NP_WINDOW_S } from './constants';
import type { CleanedStreams } from './clean-streams';

/**
 * The power channel resampled to 1 Hz on moving time: each sample is held for its credited seconds, and
 * cleaned-away samples repeat the last valid value (0 before the first), as a dropout would read.
 */
export function powerAtOneHz(cleaned: CleanedStreams): { watts: number[]; validShare: number } | null {
  const power = cleaned.powerW;
  if (!power || cleaned.length === 0) return null;
  const watts = new Array<number>(Math.floor(cleaned.movingTimeS + 1e-9));
  let last = 0;
  let valid = 0;
  let elapsed = 0;
  let written = 0;
  for (let k = 0; k < cleaned.length; k++) {
    const w = power[k]!;
    if (w === w) {
      last = w;
      valid++;
    }
    elapsed += cleaned.dtS[k]!;
    const until = Math.min(watts.length, Math.floor(elapsed + 1e-9));
    while (written < until) watts[written++] = last;
  }
  return { watts, validShare: valid / cleaned.length };
}

/** Normalized power of a 1 Hz series; null when shorter than one 30-s window. */
export function normalizedPower(watts: ArrayLike<number>): number | null {
  const n = watts.length;
  if (n < NP_WINDOW_S) return null;
  let windowSum = 0;
  for (let i = 0; i < NP_WINDOW_S; i++) windowSum += watts[i]!;
  let sum4 = 0;
  for (let i = NP_WINDOW_S - 1; i < n; i++) {
    if (i >= NP_WINDOW_S) windowSum += watts[i]! - watts[i - NP_WINDOW_S]!;
    const mean = windowSum / NP_WINDOW_S;
    const sq = mean * mean;
    sum4 += sq * sq;
  }
  return Math.sqrt(Math.sqrt(sum4 / (n - NP_WINDOW_S + 1)));
}

/** IF = NP / FTP. */
export function intensityFactor(normalizedPowerW: number, ftpW: number): number {
  return normalizedPowerW / ftpW;
}

/** TSS = hours x IF^2 x 100 (equals t x NP x IF / (FTP x 3600) x 100). */
export function powerTss(movingTimeS: number, normalizedPowerW: number, ftpW: number): number {
  const intensity = intensityFactor(normalizedPowerW, ftpW);
  return (movingTimeS / 3600) * intensity * intensity * 100;
}

/** Highest mean power over any `windowS` seconds (e.g. 1200 for the FTP estimate); null when shorter. */
export function bestMeanPowerW(watts: ArrayLike<number>, windowS: number): number | null {
  if (windowS <= 0 || watts.length < windowS) return null;
  let sum = 0;
  for (let i = 0; i < windowS; i++) sum += watts[i]!;
  let best = sum;
  for (let i = windowS; i < watts.length; i++) {
    sum += watts[i]! - watts[i - windowS]!;
    if (sum > best) best = sum;
  }
  return best / windowS;
}
