import { createIngestWorld, queuesIdle, waitFor, type IngestWorld } from './ingest-world';

jest.setTimeout(60_000);

describe('live webhook delivery from the emulator', () => {
  let w: IngestWorld;
  let athleteId: string;
  let stravaId: number;
  beforeAll(async () => {
    w = await createIngestWorld({ listen: true });
    await w.subscribe();
    stravaId = w.emu.control.createAthlete({ profile: 'triathlete', seed: 7 }).id;
    athleteId = await w.connect(stravaId);
    await w.startWorkers();
  });
  afterAll(() => w.close());

  const settle = async () => {
    await w.emu.control.flushDeliveries();
    await waitFor('ingest idle', async () => {
      const { rows } = await w.deps.db.query<{ n: number }>(
        `select count(*)::int as n from webhook_inbox where status not in ('done', 'dropped')`,
      );
      return rows[0]!.n === 0 && (await queuesIdle(w.deps, ['ingest']));
    });
  };
  const callsFor = (id: bigint) =>
    w.emu.control.countCalls({ path: new RegExp(`^/api/v3/activities/${id}(/|$)`) });
  const row = async (id: bigint) =>
    (
      await w.deps.db.query<{ name: string; streams_status: string; athlete_id: string }>(
        'select name, streams_status, athlete_id from activity where id = $1',
        [id.toString()],
      )
    ).rows[0];

  it('when a new activity is created on Strava, then it is stored with its streams using exactly 2 API calls', async () => {
    const id = w.emu.control.addActivity(stravaId, { kind: 'ride-power', durationS: 1800 });
    await settle();
    expect(await row(id)).toMatchObject({ streams_status: 'stored', athlete_id: athleteId });
    expect(callsFor(id)).toBe(2);
    const { rows } = await w.deps.db.query<{ keys: string[]; sample_count: number }>(
      'select keys, sample_count from activity_stream where activity_id = $1',
      [id.toString()],
    );
    expect(rows[0]!.keys).toEqual(expect.arrayContaining(['time', 'watts', 'heartrate']));
    expect(rows[0]!.sample_count).toBeGreaterThan(1000);
  });

  it('when a manual activity is created, then it counts without streams after 1 call', async () => {
    const id = w.emu.control.addActivity(stravaId, { kind: 'manual-run', durationS: 2400 });
    await settle();
    expect(await row(id)).toMatchObject({ streams_status: 'none' });
    expect(callsFor(id)).toBe(1);
  });

  it('when the title changes and then the activity is deleted, then the edit costs 1 call and the delete 1 (confirmed with Strava)', async () => {
    const id = w.emu.control.addActivity(stravaId, { kind: 'easy-run', durationS: 1200 });
    await settle();
    w.emu.control.resetLog();
    w.emu.control.updateActivity(id, { name: 'Renamed on Strava' });
    await settle();
    expect(await row(id)).toMatchObject({ name: 'Renamed on Strava' });
    expect(callsFor(id)).toBe(1);
    w.emu.control.deleteActivity(id);
    await settle();
    expect(await row(id)).toBeUndefined();
    expect(callsFor(id)).toBe(2);
    const streams = await w.deps.db.query('select 1 from activity_stream where activity_id = $1', [
      id.toString(),
    ]);
    expect(streams.rowCount).toBe(0);
    expect(w.emu.control.deliveryStats()).toMatchObject({ failed: 0 });
  });

  it('when Strava redelivers an event already processed, then no API call is made', async () => {
    const delivered = w.emu.control.deliveries()[0]!;
    w.emu.control.resetLog();
    const res = await fetch(delivered.callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(delivered.event, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
    });
    expect(res.status).toBe(200);
    await settle();
    expect(w.emu.control.countCalls({ kind: 'read' })).toBe(0);
  });
});
