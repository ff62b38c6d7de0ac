/**
 * Recovery figures from the fitness/fatigue state: rest days until form is back to >= 0, and the range of
 * today's load that keeps tomorrow's form inside a target band (default: Elevate's "optimal" -30..-10).
 */
import { ATL_K, CTL_K, PRODUCTIVE_FORM_BAND } from './constants';

export interface FitnessState {
  ctl: number;
  atl: number;
}

export interface FormBand {
  minTsb: number;
  maxTsb: number;
}

/**
 * Days of complete rest after the day whose end state is given until the next morning's form
 * (TSB = CTL - ATL) is >= 0: the smallest n with CTL(1-kC)^n >= ATL(1-kA)^n, i.e.
 * n = ln(ATL / CTL) / (1/7 - 1/42). CTL below 1 counts as 1 (Runalyze), so near-zero fitness still ends.
 * Null for unreadable input.
 */
export function restDaysToFreshness(endOfDay: FitnessState): number | null {
  const { ctl, atl } = endOfDay;
  if (!Number.isFinite(ctl) || !Number.isFinite(atl) || ctl < 0 || atl < 0) return null;
  const fitness = Math.max(1, ctl);
  if (atl <= fitness) return 0;
  const perDay = Math.log((1 - CTL_K) / (1 - ATL_K));
  // The epsilon keeps an exact integer answer from rounding up through floating-point noise.
  return Math.max(0, Math.ceil(Math.log(atl / fitness) / perDay - 1e-9));
}

export interface TodayLoadRange {
  /** Load today that puts tomorrow's form at band.maxTsb (0 when rest already does). */
  minLoad: number;
  /** Load today that puts tomorrow's form at band.minTsb (0 when even rest leaves form below the band). */
  maxLoad: number;
  /** True when even a rest day leaves tomorrow's form below the band. */
  restAdvised: boolean;
  band: FormBand;
}

/**
 * Today's load range: tomorrow's form TSB(d+1) = CTL(d) - ATL(d) = base - (kA - kC) x L, with
 * base = CTL(d-1)(1-kC) - ATL(d-1)(1-kA), solved for the band's edges. Pass yesterday's end-of-day state
 * (yesterday's DailyPoint); subtract what the athlete already did today from the range. Null for unreadable input.
 */
export function todayLoadRange(
  yesterday: FitnessState,
  band: FormBand = PRODUCTIVE_FORM_BAND,
): TodayLoadRange | null {
  const { ctl, atl } = yesterday;
  if (![ctl, atl, band.minTsb, band.maxTsb].every(Number.isFinite) || band.minTsb > band.maxTsb) return null;
  const base = ctl * (1 - CTL_K) - atl * (1 - ATL_K);
  const slope = ATL_K - CTL_K;
  const atMaxTsb = (base - band.maxTsb) / slope;
  const atMinTsb = (base - band.minTsb) / slope;
  if (atMinTsb < 0) return { minLoad: 0, maxLoad: 0, restAdvised: true, band };
  return { minLoad: Math.max(0, atMaxTsb), maxLoad: atMinTsb, restAdvised: false, band };
}
