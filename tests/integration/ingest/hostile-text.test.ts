import fc from 'fast-check';
import request from 'supertest';
import { upsertActivity } from '../../../db/queries/activities';
import { buildApp } from '../../../services/api/app';
import { TEST_WEBHOOK_PATH } from '../../support/test-env';
import { toActivityFields } from '../../../services/strava/activity-mapper';
import type { StravaActivity } from '../../../services/strava/api';
import { cleanText } from '../../../services/strava/clean-text';
import { parseJsonLossless } from '../../../services/strava/lossless-json';
import { createTestDeps, type TestDeps } from '../../support/test-deps';

jest.setTimeout(120_000);

const OWNER = 734815;
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
});
afterAll(() => deps.close());

/** Any string, weighted towards what PostgreSQL refuses: NUL and lone surrogates. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', 'é', '\u202e'), fc.string()), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
);

/** Well-formed UTF-16 without NUL: what every stored string must be. */
const storable = (s: string) => !s.includes('\u0000') && cleanText(s) === s;

let objectId = 4_000_000_000;
const eventBody = (updates: Record<string, unknown>) =>
  JSON.stringify({
    aspect_type: 'update',
    event_time: 1_716_126_040,
    object_id: objectId++,
    object_type: 'activity',
    owner_id: OWNER,
    subscription_id: 120475,
    updates,
  });
const post = (body: string | Buffer) =>
  request(app).post(TEST_WEBHOOK_PATH).set('content-type', 'application/json').send(body);

describe('text from outside is cleaned at the edge', () => {
  it('when a webhook title holds NUL, then it is stored without the NUL and answered 200', async () => {
    const res = await post(eventBody({ title: 'Tempo\u0000 run \ud800' }));
    expect(res.status).toBe(200);
    const { rows } = await deps.db.query(`select updates from webhook_inbox order by id desc limit 1`);
    expect(rows[0].updates).toEqual({ title: 'Tempo run \ufffd' });
  });

  it('when arbitrary strings are the update keys and values, then the event is stored cleaned (200) or refused with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (key, title) => {
        const res = await post(eventBody({ title, [key]: title }));
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) return;
        const { rows } = await deps.db.query<{ updates: Record<string, string> }>(
          `select updates from webhook_inbox where object_id = $1`,
          [objectId - 1],
        );
        const stored = rows[0]!.updates;
        expect(stored.title).toBe(cleanText(title));
        for (const [k, v] of Object.entries(stored)) expect([storable(k), storable(v)]).toEqual([true, true]);
      }),
      { numRuns: 150 },
    );
  });

  it('when the body is arbitrary text or bytes, then the answer is a 2xx or 4xx, never a 5xx', async () => {
    const bodies = fc.oneof(
      hostile,
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      hostile.map((s) => eventBody({ title: 'x' }).replace('"x"', JSON.stringify(s))),
      hostile.map((s) => eventBody({}).replace('"activity"', JSON.stringify(s))),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await post(body);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('when Strava sends arbitrary names, descriptions and keys, then the mapped activity row is stored and reads back clean', async () => {
    let id = 8_800_000_000;
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, async (name, description, key) => {
        // Through the Strava JSON parser (the transport's) and the mapper, as a real response would go.
        const wire = JSON.stringify({
          id: String(id++),
          athleteId,
          name,
          description,
          sport_type: 'Run',
          start_date: '2026-05-10T07:00:00Z',
          start_date_local: '2026-05-10T09:00:00Z',
          timezone: `(GMT+01:00) ${name}`,
          moving_time: 3600,
          elapsed_time: 3700,
          distance: 10_000,
          total_elevation_gain: 50,
          segment_efforts: [{ name: description, [key]: name }],
        });
        const fields = toActivityFields(parseJsonLossless(wire) as StravaActivity, athleteId);
        await upsertActivity(deps.db, fields, new Date());
        const { rows } = await deps.db.query<{ name: string; timezone: string; raw: string }>(
          `select name, timezone, raw_detail::text as raw from activity where id = $1`,
          [fields.id],
        );
        expect(rows[0]!.name).toBe(cleanText(name));
        expect(storable(rows[0]!.timezone)).toBe(true);
        expect(storable(rows[0]!.raw)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('when the mapper gets hostile text without the transport, then it still cleans it', async () => {
    const raw = {
      id: '8899000000',
      athleteId,
      name: 'Long\u0000 run \udc00',
      description: 'with\u0000NUL',
      sport_type: 'Run\u0000',
      start_date: '2026-05-11T07:00:00Z',
      start_date_local: '2026-05-11T09:00:00Z',
      moving_time: 3600,
      elapsed_time: 3600,
      distance: 10_000,
      total_elevation_gain: 0,
    } as StravaActivity;
    const fields = toActivityFields(raw, athleteId);
    expect([fields.name, fields.sportType]).toEqual(['Long run \ufffd', 'Run']);
    await expect(upsertActivity(deps.db, fields, new Date())).resolves.toBeDefined();
    const { rows } = await deps.db.query(
      `select raw_detail->>'description' as d from activity where id = $1`,
      [raw.id],
    );
    expect(rows[0].d).toBe('withNUL');
  });
});
