import { z } from 'zod';
import { selectDailyLoadEntries } from '../../db/queries/dashboard';
import type { Queryable } from '../../db/pool';
import { addDays, buildDailySeries, type DailyPoint } from '../domain/load';

/** Chart ranges, weeks to years; `all` = the whole known history. */
export const SERIES_RANGES = {
  '6w': 42,
  '3m': 91,
  '6m': 182,
  '1y': 365,
  '2y': 730,
  '3y': 1095,
  all: null,
} as const;
export type SeriesRange = keyof typeof SERIES_RANGES;

export const seriesQuerySchema = z.strictObject({
  range: z.enum(Object.keys(SERIES_RANGES) as [SeriesRange, ...SeriesRange[]]).default('6m'),
});

/**
 * The athlete's daily series through their today, computed at read time by the same pure engine the
 * recompute job uses (so rest days since the last activity already count). `historyStart` is the first
 * stored day, which keeps the seeding identical to the stored series. Without `includePrivate` the series
 * is computed as if the activities private on Strava did not exist (what a coach without the opt-in sees).
 */
export async function dailySeriesThroughToday(
  db: Queryable,
  athleteId: string,
  today: string,
  historyStart: string | null,
  includePrivate = true,
): Promise<DailyPoint[]> {
  const entries = await selectDailyLoadEntries(db, athleteId, includePrivate);
  const result = buildDailySeries(entries, {
    lastDate: today,
    ...(historyStart ? { historyStartDate: historyStart } : {}),
  });
  return result.points;
}

export interface SeriesPointView {
  day: string;
  load: number;
  fitness: number;
  fatigue: number;
  form: number;
  loadSpikeRatio: number | null;
  monotony: number;
  calibrating: boolean;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The last `range` of the series, rounded for display (1 decimal; ratios 2). */
export function sliceSeries(
  points: readonly DailyPoint[],
  today: string,
  range: SeriesRange,
): SeriesPointView[] {
  const days = SERIES_RANGES[range];
  const from = days === null ? null : addDays(today, -(days - 1));
  return points
    .filter((p) => from === null || p.date >= from)
    .map((p) => ({
      day: p.date,
      load: r1(p.load),
      fitness: r1(p.ctl),
      fatigue: r1(p.atl),
      form: r1(p.tsb),
      loadSpikeRatio: p.loadSpikeRatio === null ? null : Math.round(p.loadSpikeRatio * 100) / 100,
      monotony: Math.round(p.monotony * 100) / 100,
      calibrating: p.calibrating,
    }));
}
