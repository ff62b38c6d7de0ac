/**
 * The athlete's calendar: which local day "now" is in their time zone. Strava sends zones as
 * "(GMT+10:00) Australia/Sydney"; we keep the IANA name.
 */

/** IANA zone name from Strava's `timezone` field, or null when it has none we can use. */
export function ianaFromStravaTimezone(value: string | null | undefined): string | null {
  if (!value) return null;
  const name = value.replace(/^\([^)]*\)\s*/, '').trim();
  return isValidTimeZone(name) ? name : null;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The athlete's zone: the stored one unless it is the 'UTC' default and an activity says better. */
export function athleteTimeZone(stored: string, latestActivityTimezone: string | null): string {
  if (stored && stored !== 'UTC' && isValidTimeZone(stored)) return stored;
  return ianaFromStravaTimezone(latestActivityTimezone) ?? 'UTC';
}

/** YYYY-MM-DD of instant `ms` on the wall calendar of `zone`. */
export function localDateInZone(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
