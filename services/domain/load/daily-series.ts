/**
 * The athlete's daily series on their local calendar: load, fitness (CTL), fatigue (ATL), form (TSB),
 * ramp, load-spike ratio (EWMA ACWR), monotony and strain. Conventions (pinned):
 * - daily steps, rest days are load 0; CTL/ATL are EWMAs with k = 1 - exp(-1/tau), tau 42 / 7, seeded at 0
 *   on the first day of known history;
 * - TSB(d) = CTL(d-1) - ATL(d-1), the form you start day d with (`tsbEndOfDay` is the same-day value);
 * - rampRate(d) = CTL(d) - CTL(d-7); days before history count 0;
 * - acute/chronic EWMA with lambda 2/8 and 2/29 (Williams 2017), seeded at 0; the ratio is `loadSpikeRatio`,
 *   null while calibrating or when chronic load is 0;
 * - Foster monotony = 7-day mean / population SD (rest days 0), capped at 10, 0 for a week without load;
 *   strain = 7-day sum x monotony;
 * - `calibrating` until 42 days of history exist.
 */
import {
  ACUTE_LAMBDA,
  ATL_K,
  CALIBRATION_DAYS,
  CHRONIC_LAMBDA,
  CTL_K,
  MONOTONY_CAP,
  MONOTONY_WINDOW_DAYS,
} from './constants';
import { dailyTotals } from './daily-totals';

// Local copies: imported bindings can compile to getter calls inside the per-day loop.
const K_CTL = CTL_K;
const K_ATL = ATL_K;
const L_ACUTE = ACUTE_LAMBDA;
const L_CHRONIC = CHRONIC_LAMBDA;
import { dateOfDayNumber, dayNumber } from './local-date';

export interface DailyLoadEntry {
  /** Athlete-local day, YYYY-MM-DD (ActivityLoadResult.localDate). */
  localDate: string;
  load: number;
}

export interface DailyPoint {
  date: string;
  /** 1 on the first day of known history. */
  historyDay: number;
  load: number;
  ctl: number;
  atl: number;
  tsb: number;
  tsbEndOfDay: number;
  rampRate: number;
  acuteLoad: number;
  chronicLoad: number;
  loadSpikeRatio: number | null;
  monotony: number;
  strain: number;
  calibrating: boolean;
}

export interface DailySeriesResult {
  points: DailyPoint[];
  /** Entries ignored: unreadable date, outside the computed range, or a non-finite/negative load. */
  skippedEntries: number;
}

export interface DailySeriesOptions {
  /** Last day to compute (usually the athlete's today), YYYY-MM-DD. */
  lastDate: string;
  /** First day of known history when earlier than the first activity (e.g. the backfill start). */
  historyStartDate?: string;
}

/** Everything day d needs from the days before it. */
interface SeriesState {
  historyDay: number;
  ctl: number;
  atl: number;
  acute: number;
  chronic: number;
  /** Loads of d-6..d-1, oldest first. */
  recentLoads: number[];
  /** CTL of d-7..d-1, oldest first. */
  recentCtl: number[];
}

const ZERO_STATE: SeriesState = {
  historyDay: 0,
  ctl: 0,
  atl: 0,
  acute: 0,
  chronic: 0,
  recentLoads: [0, 0, 0, 0, 0, 0],
  recentCtl: [0, 0, 0, 0, 0, 0, 0],
};

/** Foster monotony of loads[start .. start+6] (oldest first) and the window's sum. */
function monotonyOf(loads: readonly number[], start: number): { monotony: number; sum: number } {
  let sum = 0;
  for (let j = start; j < start + MONOTONY_WINDOW_DAYS; j++) sum += loads[j]!;
  const mean = sum / MONOTONY_WINDOW_DAYS;
  if (mean <= 0) return { monotony: 0, sum };
  let squares = 0;
  for (let j = start; j < start + MONOTONY_WINDOW_DAYS; j++)
    squares += (loads[j]! - mean) * (loads[j]! - mean);
  const sd = Math.sqrt(squares / MONOTONY_WINDOW_DAYS);
  return { monotony: sd === 0 ? MONOTONY_CAP : Math.min(MONOTONY_CAP, mean / sd), sum };
}

/**
 * Days forward from `state`. Incremental and full recomputes both go through here from an equal state,
 * so they agree bit for bit. `loads` keeps the 6 days before as a prefix so each 7-day window is a slice.
 */
function run(state: SeriesState, fromDay: number, totals: readonly number[]): DailyPoint[] {
  const loads = [...state.recentLoads, ...totals];
  const ctls = [...state.recentCtl];
  const points: DailyPoint[] = new Array<DailyPoint>(totals.length);
  let { ctl, atl, acute, chronic, historyDay } = state;
  for (let i = 0; i < totals.length; i++) {
    const load = totals[i]!;
    const tsb = ctl - atl;
    ctl += K_CTL * (load - ctl);
    atl += K_ATL * (load - atl);
    acute = L_ACUTE * load + (1 - L_ACUTE) * acute;
    chronic = L_CHRONIC * load + (1 - L_CHRONIC) * chronic;
    historyDay++;
    const { monotony, sum } = monotonyOf(loads, i);
    const calibrating = historyDay < CALIBRATION_DAYS;
    points[i] = {
      date: dateOfDayNumber(fromDay + i),
      historyDay,
      load,
      ctl,
      atl,
      tsb,
      tsbEndOfDay: ctl - atl,
      rampRate: ctl - ctls[i]!,
      acuteLoad: acute,
      chronicLoad: chronic,
      loadSpikeRatio: calibrating || chronic <= 0 ? null : acute / chronic,
      monotony,
      strain: sum * monotony,
      calibrating,
    };
    ctls.push(ctl);
  }
  return points;
}

/** The state after the stored points (only the last 7 matter); missing earlier days count as zeros. */
function stateAfter(points: readonly DailyPoint[]): SeriesState {
  const last = points[points.length - 1]!;
  const tail = points.slice(-7);
  const pad = (values: number[], n: number) =>
    [...new Array<number>(Math.max(0, n - values.length)).fill(0), ...values].slice(-n);
  return {
    historyDay: last.historyDay,
    ctl: last.ctl,
    atl: last.atl,
    acute: last.acuteLoad,
    chronic: last.chronicLoad,
    recentLoads: pad(
      tail.map((p) => p.load),
      6,
    ),
    recentCtl: pad(
      tail.map((p) => p.ctl),
      7,
    ),
  };
}

/**
 * Full recompute from the first day of known history (the earliest of `historyStartDate` and the first
 * entry) to `lastDate`. Several entries on one day are summed (order-independent). Pure; ~1 ms for 5 years.
 */
export function buildDailySeries(
  entries: readonly DailyLoadEntry[],
  options: DailySeriesOptions,
): DailySeriesResult {
  const lastDay = dayNumber(options.lastDate);
  if (lastDay === null) return { points: [], skippedEntries: entries.length };
  let firstDay = options.historyStartDate === undefined ? null : dayNumber(options.historyStartDate);
  for (const e of entries) {
    const day = dayNumber(e?.localDate);
    if (day !== null && (firstDay === null || day < firstDay)) firstDay = day;
  }
  if (firstDay === null || firstDay > lastDay) return { points: [], skippedEntries: entries.length };
  const { totals, skipped } = dailyTotals(entries, firstDay, lastDay);
  return { points: run(ZERO_STATE, firstDay, totals), skippedEntries: skipped };
}

/**
 * Incremental recompute: given the stored points up to day d-1 (at least the last 7 of them) and the
 * entries from day d on, returns the points d..lastDate. Equal to the matching tail of buildDailySeries.
 * With no stored points this is buildDailySeries.
 */
export function extendDailySeries(
  stored: readonly DailyPoint[],
  entriesFromD: readonly DailyLoadEntry[],
  options: DailySeriesOptions,
): DailySeriesResult {
  const last = stored[stored.length - 1];
  const lastStoredDay = last === undefined ? null : dayNumber(last.date);
  if (lastStoredDay === null) return buildDailySeries(entriesFromD, options);
  const lastDay = dayNumber(options.lastDate);
  if (lastDay === null || lastDay <= lastStoredDay)
    return { points: [], skippedEntries: entriesFromD.length };
  const { totals, skipped } = dailyTotals(entriesFromD, lastStoredDay + 1, lastDay);
  return { points: run(stateAfter(stored), lastStoredDay + 1, totals), skippedEntries: skipped };
}
