/**
 * When an alert email may go out, from the athlete's preferences and time zone. Pure: the instant "now"
 * and the last send are arguments. Wall-clock arithmetic uses Intl with the IANA zone; an unknown zone
 * falls back to UTC rather than blocking delivery.
 */
import { localMinuteOfDay, nextLocalTime } from '../domain/athlete-calendar';
import type { NotificationPrefs } from './preferences';

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** True when `ms` falls inside the quiet hours (start inclusive, end exclusive; may wrap midnight). */
export function inQuietHours(ms: number, timeZone: string, quiet: NotificationPrefs['quietHours']): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const m = localMinuteOfDay(ms, timeZone);
  return start < end ? m >= start && m < end : m >= start || m < end;
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
