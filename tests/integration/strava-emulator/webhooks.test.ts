import { parseJsonExact } from '../../../tools/strava-emulator';
import { connect, startEmulator, startReceiver, subscribe, type Running, type Wire } from './helpers';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
const events = (rx: Receiver) => rx.posts().map((p) => parseJsonExact(p.rawBody) as Wire);

describe('strava emulator: push subscriptions and event delivery', () => {
  let r: Running;
  let rx: Receiver;
  let athleteId: number;
  beforeEach(async () => {
    r = await startEmulator({ webhook: { timeoutMs: 700, retryDelayMs: 10 } });
    rx = await startReceiver();
    athleteId = r.emu.control.createAthlete({ profile: 'triathlete', seed: 9 }).id;
  });
  afterEach(async () => {
    await r.emu.stop();
    await rx.stop();
  });

  it('when subscribing, then the GET handshake echoes hub.challenge, {id} comes back, and a second subscription is refused', async () => {
    const res = await subscribe(r, rx.url);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['id']);
    expect(rx.received[0]?.query).toMatchObject({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me' });
    const again = await subscribe(r, rx.url);
    expect(again.body.errors[0]).toEqual({ resource: 'PushSubscription', field: '', code: 'already exists' });
    const list = await fetch(
      `${r.url}/api/v3/push_subscriptions?client_id=1000&client_secret=emulator-client-secret`,
    );
    expect(await list.json()).toEqual([expect.objectContaining({ id: res.body.id, callback_url: rx.url })]);
    const del = await fetch(
      `${r.url}/api/v3/push_subscriptions/${res.body.id}?client_id=1000&client_secret=emulator-client-secret`,
      { method: 'DELETE' },
    );
    expect(del.status).toBe(204);
  });

  it('when the callback does not echo the challenge, then creation fails as "not verifiable"', async () => {
    const res = await subscribe(r, rx.url, 'wrong-token');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ resource: 'PushSubscription', field: 'callback url' });
  });

  it("when an activity is created, then Strava's event shape arrives with the exact 64-bit id", async () => {
    const sub = (await subscribe(r, rx.url)).body.id as number;
    await connect(r, athleteId, ['read', 'activity:read_all']);
    const id = r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 300 });
    await r.emu.control.flushDeliveries();
    expect(rx.posts()[0]?.rawBody).toContain(`"object_id":${id}`);
    expect(events(rx)[0]).toEqual({
      aspect_type: 'create',
      event_time: r.emu.clock.nowS(),
      object_id: id,
      object_type: 'activity',
      owner_id: athleteId,
      subscription_id: sub,
      updates: {},
    });
  });

  it('when the receiver fails with 500 and then times out, then the event is retried up to 3 attempts in total', async () => {
    await subscribe(r, rx.url);
    await connect(r, athleteId);
    rx.script.push('fail500', 'hang');
    r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 300 });
    await r.emu.control.flushDeliveries();
    expect(rx.posts()).toHaveLength(3);
    const [rec] = r.emu.control.deliveries();
    expect(rec?.attempts.map((a) => a.status ?? a.error)).toEqual([500, 'timeout', 200]);
    rx.script.push('fail500', 'fail500', 'fail500');
    r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 300 });
    await r.emu.control.flushDeliveries();
    expect(r.emu.control.deliveryStats()).toMatchObject({ events: 2, delivered: 1, failed: 1, attempts: 6 });
  });

  it('when title, type and privacy change and the athlete deauthorizes, then the matching updates arrive', async () => {
    await subscribe(r, rx.url);
    await connect(r, athleteId, ['read', 'activity:read_all']);
    const id = r.emu.control.addActivity(athleteId, { kind: 'ride-power', durationS: 300 });
    r.emu.control.updateActivity(id, { name: 'Messy' });
    r.emu.control.updateActivity(id, { sport_type: 'VirtualRide', description: 'silent' });
    r.emu.control.updateActivity(id, { private: true });
    r.emu.control.updateActivity(id, { description: 'no event' });
    r.emu.control.deleteActivity(id);
    r.emu.control.deauthorize(athleteId);
    await r.emu.control.flushDeliveries();
    expect(events(rx).map((e) => [e.object_type, e.aspect_type, e.updates])).toEqual([
      ['activity', 'create', {}],
      ['activity', 'update', { title: 'Messy' }],
      ['activity', 'update', { type: 'VirtualRide' }],
      ['activity', 'update', { private: 'true' }],
      ['activity', 'delete', {}],
      ['athlete', 'update', { authorized: 'false' }],
    ]);
  });

  it('when only activity:read was granted, then private activities are silent and going private looks like a delete', async () => {
    await subscribe(r, rx.url);
    await connect(r, athleteId, ['read', 'activity:read']);
    r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 300, private: true });
    const id = r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 300 });
    r.emu.control.updateActivity(id, { private: true });
    await r.emu.control.flushDeliveries();
    expect(events(rx).map((e) => e.aspect_type)).toEqual(['create', 'delete']);
  });

  it('when duplicates and out-of-order delivery are on, then every event arrives twice and the batch arrives reversed', async () => {
    await subscribe(r, rx.url);
    await connect(r, athleteId);
    r.emu.control.setDeliveryOptions({ duplicateRate: 1, outOfOrder: true, batchWindowMs: 1000 });
    const a = r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 300 });
    const b = r.emu.control.addActivity(athleteId, { kind: 'swim', durationS: 300 });
    await r.emu.control.flushDeliveries();
    const ids = events(rx).map((e) => e.object_id);
    expect(ids.slice(0, 2)).toEqual([b, a]);
    expect([...ids].sort()).toEqual([a, a, b, b].sort());
    expect(r.emu.control.deliveryStats().duplicatesSent).toBe(2);
  });
});
