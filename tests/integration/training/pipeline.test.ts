import { QUEUE_NAMES } from '../../../services/queue/catalogue';
import { createIngestWorld, waitFor, type IngestWorld } from '../ingest/ingest-world';

jest.setTimeout(90_000);

/**
 * The whole path with real parts: the emulator delivers webhooks to our running app, real BullMQ workers
 * sync the activities and recompute the athlete, and the numbers land in PostgreSQL.
 */
describe('load pipeline through the real workers', () => {
  let w: IngestWorld;
  let athleteId: string;
  let stravaId: number;
  beforeAll(async () => {
    w = await createIngestWorld({ listen: true });
    await w.subscribe();
    stravaId = w.emu.control.createAthlete({ profile: 'trail-runner', seed: 11, historyDays: 0 }).id;
    athleteId = await w.connect(stravaId);
    await w.startWorkers([...QUEUE_NAMES]);
  });
  afterAll(() => w.close());

  const metrics = async () =>
    (
      await w.deps.db.query<{
        id: string;
        method: string;
        confidence: string;
        from_streams: boolean;
        load: number;
        area_loads: { areaLoadsAu: Record<string, number> };
      }>(
        `select activity_id::text as id, method, confidence, from_streams, load, area_loads from activity_metric where athlete_id = $1`,
        [athleteId],
      )
    ).rows;

  it('when a trail run, a power ride and a manual run arrive by webhook, then each gets its load, strain and series days', async () => {
    const trail = w.emu.control.addActivity(stravaId, { kind: 'trail-run', durationS: 5400 });
    const ride = w.emu.control.addActivity(stravaId, { kind: 'ride-power', durationS: 3600 });
    const manual = w.emu.control.addActivity(stravaId, { kind: 'manual-run', durationS: 2400 });
    await w.emu.control.flushDeliveries();
    const ids = [trail, ride, manual].map(String);
    await waitFor('metrics for all three activities', async () => {
      const rows = await metrics();
      return ids.every((id) => rows.some((r) => r.id === id && (id === String(manual) || r.from_streams)));
    });
    const byId = new Map((await metrics()).map((r) => [r.id, r]));
    expect(byId.get(String(trail))).toMatchObject({ from_streams: true });
    expect(['runningStress', 'hrssStream']).toContain(byId.get(String(trail))!.method);
    expect(byId.get(String(manual))).toMatchObject({ from_streams: false });
    for (const r of byId.values()) {
      expect(r.load).toBeGreaterThan(0);
      const areaSum = Object.values(r.area_loads.areaLoadsAu).reduce((a, b) => a + b, 0);
      expect(areaSum).toBeCloseTo(r.load, 6);
    }
    await waitFor('daily series', async () => {
      const { rows } = await w.deps.db.query<{ n: number }>(
        'select count(*)::int as n from daily_series where athlete_id = $1',
        [athleteId],
      );
      return rows[0]!.n > 0;
    });
  });

  it('when an activity is deleted on Strava, then its metric goes and its day is recomputed', async () => {
    const id = w.emu.control.addActivity(stravaId, { kind: 'easy-run', durationS: 1800 });
    await w.emu.control.flushDeliveries();
    await waitFor('metric of the new run', async () => (await metrics()).some((r) => r.id === String(id)));
    w.emu.control.deleteActivity(id);
    await w.emu.control.flushDeliveries();
    await waitFor('metric removed', async () => !(await metrics()).some((r) => r.id === String(id)));
    const { rows } = await w.deps.db.query<{ n: number }>(
      'select count(*)::int as n from activity_tombstone where id = $1',
      [String(id)],
    );
    expect(rows[0]!.n).toBe(1);
  });
});
