import {
  clearSeries,
  firstSeriesDay,
  listSeriesBefore,
  replaceSeriesFrom,
} from '../../db/queries/daily-series';
import { listDailyLoadEntries } from '../../db/queries/training';
import type { Queryable } from '../../db/pool';
import { addDays, buildDailySeries, extendDailySeries, type DailyPoint } from '../domain/load';

/** extendDailySeries needs at least the last 7 stored days (the monotony and ramp windows). */
const RESUME_DAYS = 8;

/**
 * Recomputes the athlete's daily series from `fromDate` to `todayLocal`: resumes from the stored state
 * of the day before (only days >= fromDate are rewritten) when enough of it exists, otherwise rebuilds
 * from the first day of history. The result equals a full recompute (the engine's property test).
 * Returns the points written.
 */
export async function recomputeSeries(
  tx: Queryable,
  athleteId: string,
  fromDate: string,
  todayLocal: string,
  firstActivityDate: string | null,
): Promise<DailyPoint[]> {
  if (firstActivityDate === null) {
    await clearSeries(tx, athleteId);
    return [];
  }
  const lastDate = todayLocal > firstActivityDate ? todayLocal : firstActivityDate;
  const resumeFrom = fromDate > firstActivityDate ? fromDate : firstActivityDate;
  const sameHistory = (await firstSeriesDay(tx, athleteId)) === firstActivityDate;
  const stored =
    sameHistory && resumeFrom > firstActivityDate
      ? await listSeriesBefore(tx, athleteId, resumeFrom, RESUME_DAYS)
      : [];
  const contiguous =
    stored.length === RESUME_DAYS && stored[stored.length - 1]!.date === addDays(resumeFrom, -1);
  if (contiguous) {
    const entries = await listDailyLoadEntries(tx, athleteId, resumeFrom);
    const { points } = extendDailySeries(stored, entries, { lastDate });
    await replaceSeriesFrom(tx, athleteId, resumeFrom, points);
    return points;
  }
  const entries = await listDailyLoadEntries(tx, athleteId, null);
  const { points } = buildDailySeries(entries, { lastDate, historyStartDate: firstActivityDate });
  await clearSeries(tx, athleteId);
  await replaceSeriesFrom(tx, athleteId, firstActivityDate, points);
  return points;
}
