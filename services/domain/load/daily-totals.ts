/** Per-day load totals on the athlete-local calendar. */
import { dayNumber } from './local-date';

/**
 * Sums entries per day into [fromDay, toDay] (day numbers). Loads of a day are sorted before summing so
 * the total does not depend on the order activities arrive in (floating-point addition is not associative).
 * Entries with an unreadable date, outside the range, or a non-finite or negative load are skipped.
 */
export function dailyTotals(
  entries: readonly { localDate: string; load: number }[],
  fromDay: number,
  toDay: number,
): { totals: number[]; skipped: number } {
  const length = Math.max(0, toDay - fromDay + 1);
  const totals = new Array<number>(length).fill(0);
  const perDay = new Map<number, number[]>();
  let skipped = 0;
  for (const e of entries) {
    const day = dayNumber(e?.localDate);
    const load = e?.load;
    if (
      day === null ||
      day < fromDay ||
      day > toDay ||
      typeof load !== 'number' ||
      !(load >= 0) ||
      load === Infinity
    ) {
      skipped++;
      continue;
    }
    const list = perDay.get(day);
    if (list) list.push(load);
    else perDay.set(day, [load]);
  }
  for (const [day, loads] of perDay) {
    if (loads.length > 1) loads.sort((a, b) => a - b);
    let sum = 0;
    for (const x of loads) sum += x;
    totals[day - fromDay] = sum;
  }
  return { totals, skipped };
}
