import { apiGet, connect, startEmulator, T0, type Running, type Wire } from './helpers';

describe('strava emulator: API v3', () => {
  let r: Running;
  let athleteId: number;
  beforeEach(async () => {
    r = await startEmulator({ seed: 7 });
    athleteId = r.emu.control.createAthlete({ profile: 'cyclist', seed: 3 }).id;
  });
  afterEach(() => r.emu.stop());

  it('when a token lacks activity:read_all, then private activities are left out of lists and 404 on fetch', async () => {
    const pub = r.emu.control.addActivity(athleteId, { kind: 'easy-run', durationS: 600 });
    const priv = r.emu.control.addActivity(athleteId, { kind: 'easy-run', durationS: 600, private: true });
    const limited = await connect(r, athleteId, ['read', 'activity:read']);
    const full = await connect(r, athleteId, ['read', 'activity:read_all', 'profile:read_all']);
    const listed = await apiGet(r, '/athlete/activities', limited.access_token);
    expect(listed.body.map((a: Wire) => String(a.id))).toEqual([String(pub)]);
    const hidden = await apiGet(r, `/activities/${priv}`, limited.access_token);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({
      message: 'Record Not Found',
      errors: [{ resource: 'Activity', field: 'id', code: 'invalid' }],
    });
    const shown = await apiGet(r, `/activities/${priv}`, full.access_token);
    expect(shown.body).toMatchObject({
      id: Number(priv),
      private: true,
      visibility: 'only_me',
      resource_state: 3,
    });
    expect((await apiGet(r, '/athlete/activities', full.access_token)).body).toHaveLength(2);
  });

  it("when a token has no activity or profile scope, then Strava's 401 missing-scope bodies come back", async () => {
    const t = await connect(r, athleteId, ['read']);
    const list = await apiGet(r, '/athlete/activities', t.access_token);
    expect(list.status).toBe(401);
    expect(list.body.errors[0]).toEqual({
      resource: 'AccessToken',
      field: 'activity:read_permission',
      code: 'missing',
    });
    expect((await apiGet(r, '/athlete/zones', t.access_token)).status).toBe(401);
    expect((await apiGet(r, '/athlete', t.access_token)).body.resource_state).toBe(2);
    expect((await apiGet(r, '/athlete')).status).toBe(401);
  });

  it('when paging with before/after, then pages are disjoint, per_page caps at 200, and bounds are exclusive', async () => {
    const start = Date.parse(T0) - 10 * 86_400_000;
    const ids = [...Array(7).keys()].map((d) =>
      r.emu.control.addActivity(athleteId, {
        kind: 'weight-training',
        durationS: 60,
        startDate: start + d * 86_400_000,
      }),
    );
    const t = await connect(r, athleteId);
    const p1 = await apiGet(r, '/athlete/activities?per_page=3&page=1', t.access_token);
    const p3 = await apiGet(r, '/athlete/activities?per_page=3&page=3', t.access_token);
    expect(p1.body.map((a: Wire) => String(a.id))).toEqual([ids[6], ids[5], ids[4]].map(String));
    expect(p3.body.map((a: Wire) => String(a.id))).toEqual([String(ids[0])]);
    const afterS = (start + 2 * 86_400_000) / 1000;
    const beforeS = (start + 5 * 86_400_000) / 1000;
    const window = await apiGet(r, `/athlete/activities?after=${afterS}&before=${beforeS}`, t.access_token);
    expect(window.body.map((a: Wire) => String(a.id))).toEqual([ids[4], ids[3]].map(String));
    const big = await apiGet(r, '/athlete/activities?per_page=500', t.access_token);
    expect(big.body).toHaveLength(7);
  });

  it('when ids exceed 2^53, then the JSON carries their exact digits everywhere', async () => {
    const id = 9_007_199_254_740_993n;
    r.emu.control.addActivity(athleteId, { kind: 'ride-power', durationS: 900, id });
    const t = await connect(r, athleteId);
    const one = await apiGet(r, `/activities/${id}`, t.access_token);
    expect(one.text).toContain('"id":9007199254740993,');
    expect(one.body.id).toBe(id);
    const list = await apiGet(r, '/athlete/activities', t.access_token);
    expect(list.text).toContain('"id":9007199254740993');
    const triathlete = r.emu.control.createAthlete({ profile: 'triathlete', historyDays: 7, seed: 2 });
    const ids = r.emu.control.activities(triathlete.id).map((a) => a.plan.id);
    expect(ids.every((x) => x > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
  });

  it("when streams are asked with key_by_type, then each stream has Strava's shape and all have one length", async () => {
    const id = r.emu.control.addActivity(athleteId, { kind: 'ride-power', durationS: 1800 });
    const t = await connect(r, athleteId);
    const s = await apiGet(
      r,
      `/activities/${id}/streams?keys=time,heartrate,watts,altitude,latlng&key_by_type=true`,
      t.access_token,
    );
    expect(Object.keys(s.body).sort()).toEqual([
      'altitude',
      'distance',
      'heartrate',
      'latlng',
      'time',
      'watts',
    ]);
    for (const stream of Object.values<Wire>(s.body)) {
      expect(Object.keys(stream)).toEqual(['data', 'series_type', 'original_size', 'resolution']);
      expect(stream).toMatchObject({ series_type: 'distance', original_size: 1800, resolution: 'high' });
      expect(stream.data).toHaveLength(1800);
    }
    const detail = await apiGet(r, `/activities/${id}`, t.access_token);
    expect(detail.body.distance).toBe(s.body.distance.data[1799]);
    expect(detail.body.device_watts).toBe(true);
    const arr = await apiGet(r, `/activities/${id}/streams?keys=time`, t.access_token);
    expect(arr.body.map((x: Wire) => x.type)).toEqual(['time', 'distance']);
    expect(
      (await apiGet(r, '/activities/123/streams?keys=time&key_by_type=true', t.access_token)).status,
    ).toBe(404);
  });

  it('when an activity is deleted, then it 404s with Record Not Found', async () => {
    const id = r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 600 });
    const t = await connect(r, athleteId);
    r.emu.control.deleteActivity(id);
    expect((await apiGet(r, `/activities/${id}`, t.access_token)).body.message).toBe('Record Not Found');
  });
});
