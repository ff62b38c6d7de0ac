/**
 * When an alert email may go out, from the athlete's preferences and time zone. Pure: the instant "now"
 * and the last send are arguments. Wall-clock arithmetic uses Intl with the IANA zone; an unknown zone
 * falls back to UTC rather than blocking delivery.
 */
import type { NotificationPrefs } from './preferences';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minuteOfDay: number;
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
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

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
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

/** True when `ms` falls inside the quiet hours (start inclusive, end exclusive; may wrap midnight). */
export function inQuietHours(ms: number, timeZone: string, quiet: NotificationPrefs['quietHours']): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const m = localParts(ms, safeZone(timeZone)).minuteOfDay;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The athlete-local calendar day (YYYY-MM-DD) of an instant. */
export function localDateAt(ms: number, timeZone: string): string {
  const p = localParts(ms, safeZone(timeZone));
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * Earliest send time of a new alert email, in ms. Digest: the next digest hour (quiet hours and the rate
 * cap do not apply: it is one email a day by construction). Otherwise: now, or later when the rate cap
 * (`maxOnePerHours` since the last alert email) says so, then moved to the end of quiet hours if it
 * falls inside them.
 */
export function alertDeliveryTime(input: {
  nowMs: number;
  timeZone: string;
  prefs: NotificationPrefs;
  lastAlertEmailAtMs: number | null;
}): { notBeforeMs: number; mode: 'digest' | 'alert' } {
  const { nowMs, timeZone, prefs } = input;
  if (prefs.digest.enabled) {
    return { notBeforeMs: nextLocalTime(nowMs, timeZone, prefs.digest.hourLocal * 60), mode: 'digest' };
  }
  let at = nowMs;
  if (input.lastAlertEmailAtMs !== null && prefs.maxOnePerHours > 0) {
    at = Math.max(at, input.lastAlertEmailAtMs + prefs.maxOnePerHours * 3_600_000);
  }
  if (prefs.quietHours && inQuietHours(at, timeZone, prefs.quietHours)) {
    at = nextLocalTime(at, timeZone, minutesOf(prefs.quietHours.end));
  }
  return { notBeforeMs: at, mode: 'alert' };
}
