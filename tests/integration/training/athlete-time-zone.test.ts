import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { alertDeliveryTime } from '../../../services/notify/delivery-time';
import { parseNotificationPrefs } from '../../../services/notify/preferences';
import { localDateAt } from '../../../services/domain/athlete-calendar';
import { QUEUE_NAMES } from '../../../services/queue/catalogue';
import { sessionCookie } from '../notify/fixtures';
import { createIngestWorld, waitFor, type IngestWorld } from '../ingest/ingest-world';

jest.setTimeout(180_000);

/**
 * The athlete's own time zone, end to end, in three zones: a half-hour offset (India, no DST), a DST
 * zone (New York) and a half-hour DST zone (Adelaide). Strava's activity zone becomes the athlete's,
 * an activity at 23:30 local lands on its local day, the series' today turns at local midnight, quiet
 * hours and the digest follow the local clock, and the athlete's own choice is never overridden.
 */
const ZONES = [
  // [zone, the activity's local day, its UTC start for 23:30 local]
  ['Asia/Kolkata', '2026-07-14', '2026-07-14T18:00:00Z'],
  ['America/New_York', '2026-03-08', '2026-03-09T03:30:00Z'], // DST began that morning (UTC-4)
  ['Australia/Adelaide', '2026-04-04', '2026-04-04T13:00:00Z'], // last evening of DST (UTC+10:30)
] as const;

const WORKED = QUEUE_NAMES.filter((q) => q !== 'maintenance');

describe.each(ZONES)('an athlete in %s', (zone, localDay, startUtc) => {
  let w: IngestWorld;
  let athleteId: string;
  let stravaId: number;
  const zoneRow = async () =>
    (
      await w.deps.db.query<{ zone: string; source: string }>(
        'select time_zone as zone, time_zone_source as source from athlete where id = $1',
        [athleteId],
      )
    ).rows[0]!;

  beforeAll(async () => {
    // Half an hour after the activity ends, local time: already the next local day.
    w = await createIngestWorld({
      listen: true,
      emulator: { clock: { start: Date.parse(startUtc) + 3600_000, frozen: true } },
    });
    await w.subscribe();
    stravaId = w.emu.control.createAthlete({
      profile: 'marathoner',
      seed: 3,
      athlete: { timezoneIana: zone },
    }).id;
    athleteId = await w.connect(stravaId);
    await w.startWorkers(WORKED);
  });
  afterAll(() => w.close());

  it('when an activity recorded at 23:30 local arrives, then it lands on its local day, the zone becomes theirs and the series reaches the local today', async () => {
    const id = w.emu.control.addActivity(stravaId, {
      kind: 'easy-run',
      durationS: 1800,
      startDate: startUtc,
    });
    await w.emu.control.flushDeliveries();
    await waitFor('activity computed', async () => {
      const { rows } = await w.deps.db.query('select 1 from activity_metric where activity_id = $1', [
        String(id),
      ]);
      return rows.length === 1;
    });
    const { rows } = await w.deps.db.query<{ day: string }>(
      "select to_char(local_date, 'YYYY-MM-DD') as day from activity where id = $1",
      [String(id)],
    );
    expect(rows[0]!.day).toBe(localDay);
    expect(await zoneRow()).toEqual({ zone, source: 'strava' });
    const today = localDateAt(w.deps.clock(), zone);
    expect(today > localDay).toBe(true); // already the next local day
    await waitFor('series through the local today', async () => {
      const s = await w.deps.db.query<{ last: string }>(
        'select max(day)::text as last from daily_series where athlete_id = $1',
        [athleteId],
      );
      return s.rows[0]!.last === today;
    });
  });

  it('when quiet hours 22:00-07:00 and a 07:00 digest are set, then a 23:00-local alert waits until 07:00 local and the digest goes out at 07:00 local', () => {
    const local2300 = Date.parse(startUtc) - 30 * 60_000;
    const quiet = alertDeliveryTime({
      nowMs: local2300,
      timeZone: zone,
      prefs: parseNotificationPrefs({ quietHours: { start: '22:00', end: '07:00' } }),
      lastAlertEmailAtMs: null,
    });
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(
        quiet.notBeforeMs,
      ),
    ).toBe('07:00');
    expect(localDateAt(quiet.notBeforeMs, zone) > localDay).toBe(true);
    const digest = alertDeliveryTime({
      nowMs: local2300,
      timeZone: zone,
      prefs: parseNotificationPrefs({ digest: { enabled: true, hourLocal: 7 } }),
      lastAlertEmailAtMs: null,
    });
    expect(digest.mode).toBe('digest');
    expect(digest.notBeforeMs).toBe(quiet.notBeforeMs);
  });

  it('when the athlete chooses another zone, then Strava no longer overrides it and past activities keep their days', async () => {
    const cookie = await sessionCookie(w.deps, {
      userId: (
        await w.deps.db.query<{ u: string }>('select user_id as u from athlete where id = $1', [athleteId])
      ).rows[0]!.u,
      role: 'athlete',
      athleteId,
    });
    const res = await request(buildApp(w.deps))
      .put('/api/me/notification-settings')
      .set('Cookie', cookie.cookie)
      .set('X-CSRF-Token', cookie.csrf)
      .send({ timeZone: 'Europe/Madrid' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timeZone: 'Europe/Madrid', timeZoneSource: 'athlete' });
    expect(res.body.timeZoneNote).toMatch(/never moves past activities/);
    const bad = await request(buildApp(w.deps))
      .put('/api/me/notification-settings')
      .set('Cookie', cookie.cookie)
      .set('X-CSRF-Token', cookie.csrf)
      .send({ timeZone: 'Mars/Olympus_Mons' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/timeZone: must be an IANA time zone/);
    const before = await w.deps.db.query(
      'select id, local_date from activity where athlete_id = $1 order by id',
      [athleteId],
    );
    w.emu.control.addActivity(stravaId, { kind: 'easy-run', durationS: 1200 });
    await w.emu.control.flushDeliveries();
    await waitFor('second activity stored', async () => {
      const { rows } = await w.deps.db.query('select 1 from activity where athlete_id = $1', [athleteId]);
      return rows.length === before.rows.length + 1;
    });
    expect(await zoneRow()).toEqual({ zone: 'Europe/Madrid', source: 'athlete' });
    const after = await w.deps.db.query(
      'select id, local_date from activity where athlete_id = $1 and id = any($2::bigint[]) order by id',
      [athleteId, before.rows.map((r: { id: string }) => r.id)],
    );
    expect(after.rows).toEqual(before.rows);
  });
});
