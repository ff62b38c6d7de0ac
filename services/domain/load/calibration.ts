/**
 * How much history each daily figure needs before it is shown as a number. Until then the product shows
 * "calibrating: n of N days". Fitness, form, the form zone, the load range, rest days to freshness and the
 * load-spike ratio follow the pinned 42-day calibration (CALIBRATION_DAYS, the CTL time constant); fatigue
 * (ATL, tau 7 d) and monotony (a 7-day window) need 7 days.
 */
import { ATL_TAU_DAYS, CALIBRATION_DAYS, MONOTONY_WINDOW_DAYS } from './constants';

export const FIGURE_HISTORY_DAYS = {
  fitness: CALIBRATION_DAYS,
  form: CALIBRATION_DAYS,
  formZone: CALIBRATION_DAYS,
  loadRange: CALIBRATION_DAYS,
  restDaysToFreshness: CALIBRATION_DAYS,
  loadSpikeRatio: CALIBRATION_DAYS,
  fatigue: ATL_TAU_DAYS,
  monotony: MONOTONY_WINDOW_DAYS,
} as const;
export type CalibratedFigure = keyof typeof FIGURE_HISTORY_DAYS;

export interface Calibration {
  daysOfHistory: number;
  daysNeeded: number;
  /** "calibrating: 3 of 42 days" */
  label: string;
}

/**
 * Null when the figure has enough history; else how far it is. `historyDay` is the DailyPoint's (1 on the
 * first day of known history), the same count that decides `calibrating`.
 */
export function calibrationOf(figure: CalibratedFigure, historyDay: number): Calibration | null {
  const daysNeeded = FIGURE_HISTORY_DAYS[figure];
  const daysOfHistory = Math.max(0, Math.floor(historyDay));
  if (daysOfHistory >= daysNeeded) return null;
  return { daysOfHistory, daysNeeded, label: `calibrating: ${daysOfHistory} of ${daysNeeded} days` };
}
