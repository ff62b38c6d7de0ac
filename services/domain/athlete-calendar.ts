/**
 * The athlete's clock: which local day and minute an instant is in the athlete's IANA time zone. The one
 * answer to "what is today / this hour for this athlete", used by the recompute, the alert rules, quiet
 * hours, digests and every dashboard. Pure (Intl only). An unknown zone falls back to UTC rather than
 * blocking anything. An activity's own day is NOT computed here: it is the date of Strava's
 * `start_date_local` (where it was recorded), so changing the athlete's zone never moves past activities.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  minuteOfDay: number;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone, or UTC when it is not one Intl knows. */
export function safeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** IANA zone name from Strava's `timezone` field ("(GMT+10:00) Australia/Sydney"), or null. */
export function ianaFromStravaTimezone(value: string | null | undefined): string | null {
  if (!value) return null;
  const name = value.replace(/^\([^)]*\)\s*/, '').trim();
  return isValidTimeZone(name) ? name : null;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: safeZone(timeZone),
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    minuteOfDay: get('hour') * 60 + get('minute'),
  };
}

/** The athlete-local calendar day (YYYY-MM-DD) of an instant: "today" when `ms` is now. */
export function localDateAt(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Minutes since local midnight of an instant (0-1439). */
export function localMinuteOfDay(ms: number, timeZone: string): number {
  return localParts(ms, timeZone).minuteOfDay;
}

/** Offset of the zone at `ms`, in ms (local wall clock minus UTC), to the minute. */
function offsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day) + p.minuteOfDay * 60_000;
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/** The instant of a local wall-clock time; in a DST gap it lands just after the gap. */
function zonedInstant(
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * 60_000;
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

/** The first instant at or after `fromMs` when the local clock shows `minuteOfDay`. */
export function nextLocalTime(fromMs: number, timeZone: string, minuteOfDay: number): number {
  const zone = safeZone(timeZone);
  const p = localParts(fromMs, zone);
  for (let addDays = 0; addDays < 3; addDays++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + addDays));
    const at = zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), minuteOfDay, zone);
    if (at >= Math.floor(fromMs / 60_000) * 60_000) return Math.max(at, fromMs);
  }
  return fromMs;
}
