import { createPrng } from '../../../tools/strava-emulator';
import type { WorkoutKind } from '../../../tools/strava-emulator';
import { TEST_WEBHOOK_PATH } from '../../support/test-env';
import { createIngestWorld, queuesIdle, waitFor, type IngestWorld } from './ingest-world';

const SUBSCRIPTION_ID = 424242;
const KINDS: WorkoutKind[] = ['easy-run', 'ride-power', 'manual-run', 'swim'];

interface Sent {
  body: string;
  activityId: string;
  aspect: string;
}

/** Applies a random history of creates, edits and deletes in the emulator and returns the events Strava would send. */
function buildHistory(w: IngestWorld, athleteIds: number[], seed: string): Sent[] {
  const prng = createPrng(seed);
  const events: Sent[] = [];
  const live: { id: bigint; owner: number }[] = [];
  const emit = (aspect: string, id: bigint, owner: number, updates: Record<string, string> = {}) => {
    const body = `{"aspect_type":"${aspect}","event_time":${w.emu.clock.nowS()},"object_id":${id},"object_type":"activity","owner_id":${owner},"subscription_id":${SUBSCRIPTION_ID},"updates":${JSON.stringify(updates)}}`;
    events.push({ body, activityId: id.toString(), aspect });
  };
  for (let i = 0; i < 300; i++) {
    const owner = athleteIds[i % athleteIds.length]!;
    const id = w.emu.control.addActivity(owner, {
      kind: KINDS[i % KINDS.length],
      durationS: 600,
      startDate: w.emu.clock.now() - (i + 1) * 3_600_000,
    });
    live.push({ id, owner });
    emit('create', id, owner);
  }
  for (let i = 0; i < 350; i++) {
    const a = live[prng.int(0, live.length - 1)]!;
    const change =
      i % 3 === 0
        ? { sport_type: 'Hike' }
        : i % 3 === 1
          ? { name: `Edited ${i}` }
          : { private: prng.chance(0.5) };
    w.emu.control.updateActivity(a.id, change);
    const updates: Record<string, string> =
      'sport_type' in change
        ? { type: 'Hike' }
        : 'name' in change
          ? { title: change.name! }
          : { private: String(change.private) };
    emit('update', a.id, a.owner, updates);
    w.emu.clock.advance(1000);
  }
  for (let i = 0; i < 150; i++) {
    const a = live.splice(prng.int(0, live.length - 1), 1)[0]!;
    w.emu.control.deleteActivity(a.id);
    emit('delete', a.id, a.owner);
  }
  return events;
}

function shuffleWithDuplicates(events: Sent[], seed: string): Sent[] {
  const prng = createPrng(seed);
  const all = [...events];
  for (let i = 0; i < events.length / 4; i++) all.push(events[prng.int(0, events.length - 1)]!);
  for (let i = all.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

async function postAll(url: string, events: Sent[], concurrency = 16): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < events.length; i += concurrency) {
    const batch = events.slice(i, i + concurrency);
    const res = await Promise.all(
      batch.map((e) =>
        fetch(`${url}${TEST_WEBHOOK_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: e.body,
        }),
      ),
    );
    statuses.push(...res.map((r) => r.status));
  }
  return statuses;
}

// A harness limit for a 1,000-event run with real workers, not a speed assertion.
jest.setTimeout(240_000);

const GENEROUS_LIMITS = {
  read15Min: 100_000,
  readDaily: 1_000_000,
  overall15Min: 100_000,
  overallDaily: 1_000_000,
};

describe('webhook ingest convergence', () => {
  let w: IngestWorld;
  beforeAll(async () => {
    // Every event here is Strava's own: none is folded by the per-athlete limit (flood.test.ts covers it).
    w = await createIngestWorld({
      listen: true,
      emulator: { rateLimits: GENEROUS_LIMITS },
      env: { STRAVA_WEBHOOK_ATHLETE_LIMIT: '1000', STRAVA_WEBHOOK_BUDGET_SHARE: '1' },
    });
    await w.deps.db.query('insert into strava_subscription (id, callback_url) values ($1, $2)', [
      SUBSCRIPTION_ID,
      `${w.appUrl}${TEST_WEBHOOK_PATH}`,
    ]);
  });
  afterAll(() => w.close());

  it('when 1,000 shuffled create/update/delete events with 20% duplicates arrive, then our copy equals the emulator and calls stay within budget', async () => {
    const plain = w.emu.control.createAthlete({ profile: 'marathoner', seed: 1 });
    const large = w.emu.control.createAthlete({ profile: 'cyclist', seed: 2, athlete: { largeIds: true } });
    await w.connect(plain.id);
    await w.connect(large.id);
    const unique = buildHistory(w, [plain.id, large.id], 'history');
    const delivered = shuffleWithDuplicates(unique, 'order');
    expect(delivered).toHaveLength(1000);
    w.emu.control.resetLog();
    await w.startWorkers();

    const statuses = await postAll(w.appUrl!, delivered);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await waitFor(
      'inbox processed',
      async () => {
        const { rows } = await w.deps.db.query<{ n: number }>(
          `select count(*)::int as n from webhook_inbox where status not in ('done', 'dropped')`,
        );
        return rows[0]!.n === 0 && (await queuesIdle(w.deps, ['ingest']));
      },
      120_000,
    );

    const { rows: inbox } = await w.deps.db.query<{ n: number }>(
      'select count(*)::int as n from webhook_inbox',
    );
    expect(inbox[0]!.n).toBe(unique.length);
    const truth = [...w.emu.control.activities(plain.id), ...w.emu.control.activities(large.id)].filter((r) =>
      unique.some((e) => e.activityId === r.plan.id.toString()),
    );
    const { rows } = await w.deps.db.query<{
      id: string;
      name: string;
      sport_type: string;
      private: boolean;
      streams_status: string;
      manual: boolean;
    }>('select id::text, name, sport_type, private, streams_status, manual from activity');
    const ours = new Map(rows.map((r) => [r.id, r]));
    expect(rows).toHaveLength(truth.length);
    for (const r of truth) {
      const mine = ours.get(r.plan.id.toString());
      expect(mine).toBeDefined();
      expect({ id: mine!.id, name: mine!.name, private: mine!.private }).toEqual({
        id: r.plan.id.toString(),
        name: r.name,
        private: r.private,
      });
      if (r.sportTypeOverride) expect(mine!.sport_type).toBe(r.sportTypeOverride);
      expect(mine!.streams_status).toBe(mine!.manual ? 'none' : 'stored');
    }
    const deleted = unique.filter((e) => e.aspect === 'delete').map((e) => e.activityId);
    const { rows: tombs } = await w.deps.db.query<{ id: string }>('select id::text from activity_tombstone');
    expect(new Set(tombs.map((t) => t.id))).toEqual(new Set(deleted));
    expect(rows.filter((r) => deleted.includes(r.id))).toEqual([]);
    expect(rows.some((r) => BigInt(r.id) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);

    // Calls per activity: at most 2 for one with only a create; one more per edit or delete event at
    // most (a delete is confirmed with Strava before anything goes).
    const calls = new Map<string, number>();
    for (const e of w.emu.control.requestLog({ path: /^\/api\/v3\/activities\// })) {
      const id = /^\/api\/v3\/activities\/(\d+)/.exec(e.path)![1]!;
      calls.set(id, (calls.get(id) ?? 0) + 1);
    }
    for (const [id, n] of calls) {
      const events = unique.filter((e) => e.activityId === id).length;
      expect({ id, n: Math.min(n, 1 + events) }).toEqual({ id, n });
      if (events === 1) expect({ id, n: Math.min(n, 2) }).toEqual({ id, n });
    }

    // Strava's retries of events already processed cost nothing.
    w.emu.control.resetLog();
    expect((await postAll(w.appUrl!, unique.slice(0, 200))).every((s) => s === 200)).toBe(true);
    await waitFor('queues idle', () => queuesIdle(w.deps, ['ingest']));
    expect(w.emu.control.countCalls({ kind: 'read' })).toBe(0);
  });
});
