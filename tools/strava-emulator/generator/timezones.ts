/** Strava's timezone strings and UTC offsets, computed from IANA data (DST-aware) via Intl. */

/** Offset of `timeZone` from UTC at `epochMs`, in seconds (e.g. 39600 for Sydney in January). */
export function utcOffsetS(timeZone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(
    new Date(epochMs),
  );
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

/** Strava's label, e.g. "(GMT+10:00) Australia/Sydney", built from the zone's standard (non-DST) offset. */
export function stravaTimezoneLabel(timeZone: string, epochMs: number): string {
  const year = new Date(epochMs).getUTCFullYear();
  const standardS = Math.min(
    utcOffsetS(timeZone, Date.UTC(year, 0, 15)),
    utcOffsetS(timeZone, Date.UTC(year, 6, 15)),
  );
  const abs = Math.abs(standardS);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `(GMT${standardS < 0 ? '-' : '+'}${hh}:${mm}) ${timeZone}`;
}

/** ISO 8601 without milliseconds: "2018-02-16T14:52:54Z". */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Strava's `start_date_local`: local wall time written with a (misleading) trailing Z. */
export function localIsoSeconds(epochMs: number, timeZone: string): string {
  return isoSeconds(epochMs + utcOffsetS(timeZone, epochMs) * 1000);
}
