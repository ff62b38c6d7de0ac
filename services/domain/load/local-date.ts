/**
 * Athlete-local calendar days as plain YYYY-MM-DD strings and integer day numbers. No Date, no time
 * zone: the day of an activity is the date part of Strava's `start_date_local` wall clock, never UTC.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Day number (days since 1970-01-01) of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of a YYYY-MM-DD date (time part ignored), or null when it is not a real date. */
export function dayNumber(localDate: string): number | null {
  const m = typeof localDate === 'string' ? DATE_RE.exec(localDate) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const n = daysFromCivil(year, month, day);
  // Round-trip rejects 2023-02-30 and friends.
  return dateOfDayNumber(n) === `${m[1]}-${m[2]}-${m[3]}` ? n : null;
}

/** YYYY-MM-DD of a day number (Hinnant's civil_from_days). */
export function dateOfDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The athlete-local day of an activity from Strava's `start_date_local` ("2024-03-10T06:00:00Z" is a
 * wall clock despite the Z). Null when unreadable.
 */
export function localDateOf(startDateLocal: string): string | null {
  const n = dayNumber(startDateLocal);
  return n === null ? null : dateOfDayNumber(n);
}

/** The date `days` after `localDate` (negative goes back); null when the date is unreadable. */
export function addDays(localDate: string, days: number): string | null {
  const n = dayNumber(localDate);
  return n === null ? null : dateOfDayNumber(n + days);
}
