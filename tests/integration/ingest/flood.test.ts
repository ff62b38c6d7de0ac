import { TEST_WEBHOOK_PATH } from '../../support/test-env';
import { createIngestWorld, queuesIdle, waitFor, type IngestWorld } from './ingest-world';

/**
 * A forged flood: 1,000 events in Strava's exact shape, to the real callback URL (secret included: the
 * worst case), naming a connected athlete and our subscription, with made-up activity ids. Strava's
 * default limits (100 reads per 15 minutes). Bound (docs/strava-compliance.md, "Rate limits"): at most
 * STRAVA_WEBHOOK_ATHLETE_LIMIT (10) calls for the attacked athlete per 15-minute window, plus one listing
 * at the window's end; deletes of activities we do not hold cost nothing. Another athlete's real upload
 * meanwhile is computed within its normal delay (at most 15 s more than without the flood, on this busy
 * shared machine; the flood itself costs the web process the 1,000 inbox writes).
 */
jest.setTimeout(180_000);

const FORGED = 1000;
const ATHLETE_LIMIT = 10;

let w: IngestWorld;
let victim: number;
let bystander: number;
let subscriptionId: number;

beforeAll(async () => {
  w = await createIngestWorld({ listen: true });
  subscriptionId = await w.subscribe();
  victim = w.emu.control.createAthlete({ profile: 'marathoner', seed: 31 }).id;
  bystander = w.emu.control.createAthlete({ profile: 'cyclist', seed: 32 }).id;
  await w.connect(victim);
  await w.connect(bystander);
  await w.startWorkers(['ingest', 'backfill', 'compute']);
});
afterAll(() => w.close());

/** Milliseconds from a real upload on Strava until its load is computed here. */
async function uploadAndTime(): Promise<number> {
  const started = Date.now();
  const id = w.emu.control.addActivity(bystander, { kind: 'ride-power', durationS: 1800 });
  await w.emu.control.flushDeliveries();
  await waitFor(
    'real activity computed',
    async () =>
      (await w.deps.db.query('select 1 from activity_metric where activity_id = $1', [id.toString()]))
        .rowCount === 1,
    60_000,
  );
  return Date.now() - started;
}

function forgedBody(i: number): string {
  const aspect = ['create', 'update', 'delete'][i % 3];
  const updates = aspect === 'update' ? `{"title":"forged ${i}"}` : '{}';
  return `{"aspect_type":"${aspect}","event_time":${Math.floor(Date.now() / 1000)},"object_id":${9_000_000_000 + i},"object_type":"activity","owner_id":${victim},"subscription_id":${subscriptionId},"updates":${updates}}`;
}

async function postForged(n: number, concurrency = 16): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, n - i) }, (_, k) => forgedBody(i + k));
    const res = await Promise.all(
      batch.map((body) =>
        fetch(`${w.appUrl}${TEST_WEBHOOK_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      ),
    );
    statuses.push(...res.map((r) => r.status));
  }
  return statuses;
}

describe('a forged webhook flood', () => {
  it('when 1,000 forged events arrive, then they cost at most the per-athlete bound and a real upload is computed within its normal delay', async () => {
    const baselineMs = await uploadAndTime();
    w.emu.control.resetLog();

    const flooding = postForged(FORGED);
    const floodDelayMs = await uploadAndTime();
    const statuses = await flooding;
    await waitFor(
      'inbox processed',
      async () => {
        const { rows } = await w.deps.db.query<{ n: number }>(
          `select count(*)::int as n from webhook_inbox where status not in ('done', 'dropped', 'failed')`,
        );
        return rows[0]!.n === 0 && (await queuesIdle(w.deps, ['ingest']));
      },
      120_000,
    );

    const spent = w.emu.control.countCalls({ athleteId: victim });
    const folded = await w.deps.queues.queue('backfill').getJobs(['delayed']);
    const listings = folded.filter((j) => j.name === 'reconcile-athlete').length;
    process.stdout.write(
      `forged flood: ${FORGED} events, ${statuses.filter((s) => s === 200).length} acked; ` +
        `Strava calls spent on them: ${spent} now + ${listings} listing at the window's end ` +
        `(bound ${ATHLETE_LIMIT} + 1 per 15 min); real upload computed in ${floodDelayMs} ms ` +
        `during the flood vs ${baselineMs} ms before it\n`,
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(spent).toBeLessThanOrEqual(ATHLETE_LIMIT);
    expect(listings).toBe(1);
    expect(floodDelayMs).toBeLessThanOrEqual(Math.max(3 * baselineMs, baselineMs + 15_000));
  });
});
