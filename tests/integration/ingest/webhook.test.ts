import fc from 'fast-check';
import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { run as sweepInbox } from '../../../workers/jobs/sweep-inbox';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { TEST_WEBHOOK_PATH } from '../../support/test-env';

const OWNER = 134815;
const event = (over: Record<string, unknown> = {}) => ({
  aspect_type: 'create',
  event_time: 1516126040,
  object_id: 1360128428,
  object_type: 'activity',
  owner_id: OWNER,
  subscription_id: 120475,
  updates: {},
  ...over,
});
const post = (app: ReturnType<typeof buildApp>, body: string, type = 'application/json') =>
  request(app).post(TEST_WEBHOOK_PATH).set('content-type', type).send(body);

describe('Strava webhook', () => {
  let deps: TestDeps;
  let app: ReturnType<typeof buildApp>;
  let athleteId: string;
  beforeAll(async () => {
    deps = await createTestDeps();
    app = buildApp(deps);
    const { rows } = await deps.db.query<{ id: string }>(
      `insert into athlete (strava_athlete_id, granted_scopes) values ($1, 'read,activity:read_all') returning id`,
      [OWNER],
    );
    athleteId = rows[0]!.id;
    await deps.db.query(
      `insert into strava_subscription (id, callback_url) values (120475, 'http://x${TEST_WEBHOOK_PATH}')`,
    );
  });
  afterAll(() => deps.close());
  const inbox = async () =>
    (
      await deps.db.query<{ id: string; status: string; object_id: string; last_error: string | null }>(
        'select id::text, status, object_id::text, last_error from webhook_inbox order by id',
      )
    ).rows;

  it('when the handshake carries our verify token, then the challenge is echoed as JSON', async () => {
    const res = await request(app).get('/strava/webhook').query({
      'hub.mode': 'subscribe',
      'hub.verify_token': deps.config.strava.verifyToken,
      'hub.challenge': 'abc<script>',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ 'hub.challenge': 'abc<script>' });
  });

  it('when the verify token is wrong, missing or the mode is not subscribe, then no challenge is echoed', async () => {
    const token = deps.config.strava.verifyToken;
    const cases: [Record<string, string>, number][] = [
      [{ 'hub.mode': 'subscribe', 'hub.verify_token': `${token}x`, 'hub.challenge': 'c' }, 403],
      [{ 'hub.mode': 'subscribe', 'hub.verify_token': token.slice(1), 'hub.challenge': 'c' }, 403],
      [{ 'hub.mode': 'subscribe', 'hub.challenge': 'c' }, 403],
      [{ 'hub.mode': 'unsubscribe', 'hub.verify_token': token, 'hub.challenge': 'c' }, 400],
      [{ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': 'x'.repeat(256) }, 400],
    ];
    for (const [query, status] of cases) {
      const res = await request(app).get('/strava/webhook').query(query);
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body)).not.toContain('"hub.challenge"');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('when the same event is posted twice, then both get 200 and the inbox holds one row', async () => {
    const body = JSON.stringify(event({ object_id: 777 }));
    expect((await post(app, body)).status).toBe(200);
    expect((await post(app, body)).status).toBe(200);
    expect((await inbox()).filter((r) => r.object_id === '777')).toHaveLength(1);
  });

  it('when ids exceed 2^53, then they are kept exact; past 2^63-1 or not integers, then 400', async () => {
    const big = '9007199254740993';
    const ok = await post(
      app,
      `{"aspect_type":"create","event_time":1,"object_id":${big},"object_type":"activity","owner_id":${OWNER},"subscription_id":1,"updates":{}}`,
    );
    expect(ok.status).toBe(200);
    expect((await inbox()).map((r) => r.object_id)).toContain(big);
    for (const id of ['9223372036854775808', '1.5', '1e400', '"123"', '-1', '0', '13601284280000000000000']) {
      const res = await post(app, JSON.stringify(event()).replace('1360128428', id));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('when bodies are malformed, oversized or not JSON, then 400/413/415 with a reason, never 5xx', async () => {
    const cases: [string, number, string?][] = [
      ['{', 400],
      ['', 400],
      ['[]', 400],
      ['{"object_type":"activity"}', 400],
      [JSON.stringify(event({ aspect_type: 'explode' })), 400],
      [JSON.stringify(event()).replace('"owner_id"', '"__proto__":{"x":1},"owner_id"'), 200],
      ['{"a":1,"a":2}', 400],
      ['['.repeat(10_000), 400],
      [JSON.stringify(event({ updates: { title: 'x'.repeat(17_000) } })), 413],
      [JSON.stringify(event()), 415, 'text/plain'],
    ];
    for (const [body, status, type] of cases) {
      const res = await post(app, body, type);
      expect({ body: body.slice(0, 40), status: res.status }).toEqual({ body: body.slice(0, 40), status });
      if (status >= 400) expect(typeof res.body.error.message).toBe('string');
    }
    const bad = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await request(app).post(TEST_WEBHOOK_PATH).set('content-type', 'application/json').send(bad);
    expect(res.status).toBe(400);
  });

  it('when random and mutated bodies are posted, then every answer is 200, 400 or 413', async () => {
    const mutated = fc.record({
      aspect_type: fc.oneof(fc.constantFrom('create', 'update', 'delete'), fc.string()),
      event_time: fc.oneof(fc.nat(), fc.double(), fc.string()),
      object_id: fc.oneof(fc.bigInt({ min: -10n, max: 2n ** 64n }), fc.double(), fc.constant(null)),
      object_type: fc.oneof(fc.constantFrom('activity', 'athlete'), fc.string()),
      owner_id: fc.oneof(fc.constant(OWNER), fc.integer()),
      subscription_id: fc.nat(),
      updates: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean(), fc.integer())),
    });
    const bodies = fc.oneof(
      mutated.map((e) =>
        JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? `@${v}@` : v)).replace(
          /"@(-?\d+)@"/g,
          '$1',
        ),
      ),
      fc.string({ maxLength: 300 }),
      fc.json(),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await post(app, body);
        expect([200, 400, 413]).toContain(res.status);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('when the owner is unknown or the subscription is not ours, then 200 and the event is recorded as dropped', async () => {
    expect((await post(app, JSON.stringify(event({ owner_id: 999, object_id: 5001 })))).status).toBe(200);
    expect((await post(app, JSON.stringify(event({ subscription_id: 1, object_id: 5002 })))).status).toBe(
      200,
    );
    const rows = await inbox();
    expect(rows.find((r) => r.object_id === '5001')).toMatchObject({
      status: 'dropped',
      last_error: 'unknown athlete',
    });
    expect(rows.find((r) => r.object_id === '5002')).toMatchObject({
      status: 'dropped',
      last_error: 'unknown subscription',
    });
    const jobs = await deps.queues
      .queue('ingest')
      .getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed']);
    const dropped = rows.filter((r) => r.status === 'dropped').map((r) => `wh-${r.id}`);
    expect(jobs.filter((j) => dropped.includes(j.id ?? ''))).toEqual([]);
  });

  it('when Redis is down at enqueue time, then the ack is still 200 and the sweeper enqueues the event later', async () => {
    deps.redis.disconnect();
    const res = await post(app, JSON.stringify(event({ object_id: 6001, event_time: 42 })));
    expect(res.status).toBe(200);
    const row = (await inbox()).find((r) => r.object_id === '6001')!;
    expect(row.status).toBe('pending');
    // Let the batched post-ack enqueue (10 ms) run and fail while Redis is still down.
    await new Promise((r) => setTimeout(r, 200));
    await deps.redis.connect();
    const queue = deps.queues.queue('ingest');
    expect(await queue.getJob(`wh-${row.id}`)).toBeUndefined();
    const realClock = deps.clock;
    deps.clock = () => realClock() + 60_000;
    await sweepInbox({}, deps, { jobId: 'sweep-inbox', attemptsMade: 0, log: deps.logger });
    deps.clock = realClock;
    expect(await queue.getJob(`wh-${row.id}`)).toBeDefined();
    expect((await inbox()).find((r) => r.id === row.id)!.status).toBe('enqueued');
    expect(athleteId).toBeDefined();
  });
  it('when the path secret is missing, wrong or a stored one, then only the configured or stored secret is accepted, before anything is written', async () => {
    const body = JSON.stringify(event({ object_id: 7001 }));
    const before = (await inbox()).length;
    for (const path of ['/strava/webhook', '/strava/webhook/guess', `${TEST_WEBHOOK_PATH}x`]) {
      const res = await request(app).post(path).set('content-type', 'application/json').send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await inbox()).length).toBe(before);
    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toMatch(/kneadwise_webhook_events_dropped_total\{reason="wrong path secret"\} 3/);
    // A secret stored with the subscription (generated by strava:subscribe) works alongside, once the
    // web process re-reads the stored secrets (at most once a second on a miss).
    await new Promise((r) => setTimeout(r, 1100));
    await deps.db.query(
      `update strava_subscription set callback_secret = 'stored-secret-abcdefghijklmnopqrstuvwx'`,
    );
    const res = await request(app)
      .post('/strava/webhook/stored-secret-abcdefghijklmnopqrstuvwx')
      .set('content-type', 'application/json')
      .send(body);
    expect(res.status).toBe(200);
    expect((await inbox()).map((r) => r.object_id)).toContain('7001');
  });

  it('when event_time lies far in the future or past, then the stored time is clamped to the hour before receipt', async () => {
    const nowS = Math.floor(deps.clock() / 1000);
    await post(app, JSON.stringify(event({ object_id: 7101, event_time: 99_999_999_999 })));
    await post(app, JSON.stringify(event({ object_id: 7102, event_time: 1 })));
    const { rows } = await deps.db.query<{ object_id: string; event_time: string }>(
      `select object_id::text, event_time::text from webhook_inbox where object_id in (7101, 7102) order by object_id`,
    );
    expect(Number(rows[0]!.event_time)).toBeGreaterThanOrEqual(nowS);
    expect(Number(rows[0]!.event_time)).toBeLessThanOrEqual(nowS + 5);
    expect(Number(rows[1]!.event_time)).toBeGreaterThanOrEqual(nowS - 3600);
    expect(Number(rows[1]!.event_time)).toBeLessThanOrEqual(nowS - 3595);
  });

  it('when events name an unknown athlete or another subscription, then they are counted in /metrics by reason', async () => {
    await post(app, JSON.stringify(event({ owner_id: 998, object_id: 7201 })));
    await post(app, JSON.stringify(event({ subscription_id: 2, object_id: 7202 })));
    const metrics = (await request(app).get('/metrics')).text;
    expect(metrics).toMatch(/kneadwise_webhook_events_dropped_total\{reason="unknown athlete"\} [1-9]/);
    expect(metrics).toMatch(/kneadwise_webhook_events_dropped_total\{reason="unknown subscription"\} [1-9]/);
  });

  it('when one source posts more than STRAVA_WEBHOOK_SOURCE_LIMIT events a minute, then the rest get 429 and are not stored', async () => {
    const limited = await createTestDeps({ STRAVA_WEBHOOK_SOURCE_LIMIT: '10' });
    try {
      const app2 = buildApp(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        statuses.push((await post(app2, JSON.stringify(event({ object_id: 7300 + i })))).status);
      }
      expect(statuses.filter((st) => st === 200)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429]);
      const { rows } = await limited.db.query<{ n: number }>('select count(*)::int as n from webhook_inbox');
      expect(rows[0]!.n).toBe(10);
    } finally {
      await limited.close();
    }
  });
});
