import { run as purgeRawData } from '../../../workers/jobs/purge-raw-data';
import { createIngestWorld, waitFor, type IngestWorld } from './ingest-world';

// The emulator synthesises 200 days of 1 Hz history for the first listing: slow when both cores are busy.
jest.setTimeout(240_000);

const READ_LIMIT = 30;
const DAY_MS = 86_400_000;

describe('history import on connect under a tight read budget', () => {
  let w: IngestWorld;
  let athleteId: string;
  let stravaId: number;
  beforeAll(async () => {
    // Start just after a window boundary so the whole first phase runs in one 15-minute window.
    const start = Math.ceil(Date.now() / 900_000) * 900_000 + 1000;
    // warmCache: the emulator computes its summaries in the background instead of inside the first listing.
    w = await createIngestWorld({
      emulator: { rateLimits: { read15Min: READ_LIMIT }, clock: { start }, warmCache: true },
    });
    stravaId = w.emu.control.createAthlete({ profile: 'marathoner', historyDays: 200, seed: 11 }).id;
    athleteId = await w.connect(stravaId);
    await w.startWorkers();
  });
  afterAll(() => w.close());

  const activities = async () =>
    (
      await w.deps.db.query<{ id: string; start_ms: number; streams_status: string }>(
        `select id::text, (extract(epoch from start_date) * 1000)::float8 as start_ms, streams_status from activity where athlete_id = $1`,
        [athleteId],
      )
    ).rows;
  const backfillQueueParked = async () => {
    const c = await w.deps.queues
      .queue('backfill')
      .getJobCounts('waiting', 'active', 'prioritized', 'delayed');
    return (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) === 0 && (c.delayed ?? 0) > 0;
  };
  const expectNewestFirst = (rows: Awaited<ReturnType<typeof activities>>) => {
    const stored = rows.filter((r) => r.streams_status === 'stored').map((r) => r.start_ms);
    const pending = rows.filter((r) => r.streams_status === 'pending').map((r) => r.start_ms);
    if (stored.length && pending.length) expect(Math.min(...stored)).toBeGreaterThan(Math.max(...pending));
  };

  it('when an athlete connects, then 180 days of summaries arrive at once and streams follow newest first within the budget', async () => {
    const sinceMs = w.emu.clock.now() - 180 * DAY_MS;
    const truth = w.emu.control.activities(stravaId).filter((r) => r.plan.startMs > sinceMs);
    expect(truth.length).toBeGreaterThan(60);
    await w.deps.queues.enqueue('backfill-athlete', { athleteId });
    await waitFor('summaries imported', async () => (await activities()).length === truth.length, 180_000);
    const recompute = await w.deps.queues.queue('compute').getJobs(['waiting', 'prioritized', 'delayed']);
    expect(recompute.map((j) => j.name)).toContain('recompute-athlete');

    await waitFor('stream fetches parked for the next window', backfillQueueParked);
    const first = await activities();
    const storedFirst = first.filter((r) => r.streams_status === 'stored').length;
    expect(storedFirst).toBeGreaterThan(5);
    expect(storedFirst).toBeLessThan(truth.length);
    expectNewestFirst(first);
    expect(w.emu.control.countCalls({ status: 429 })).toBe(0);
    expect(w.emu.control.rateLimits().usage.read15Min).toBeLessThanOrEqual(READ_LIMIT);
    const { rows: progress } = await w.deps.db.query(
      'select backfill_status, backfill_total, backfill_summaries_done, backfill_streams_done from athlete where id = $1',
      [athleteId],
    );
    expect(progress[0]).toEqual({
      backfill_status: 'streams',
      backfill_total: truth.length,
      backfill_summaries_done: truth.length,
      backfill_streams_done: first.filter((r) => r.streams_status !== 'pending').length,
    });

    const listCalls = w.emu.control.countCalls({ path: '/api/v3/athlete/activities' });
    expect(listCalls).toBeGreaterThanOrEqual(Math.ceil((truth.length + 1) / 200));
    // Next window: the parked jobs resume and the import continues, still newest first.
    w.emu.control.advanceClock(15 * 60_000);
    for (const job of await w.deps.queues.queue('backfill').getDelayed()) await job.promote();
    await waitFor(
      'second window used',
      async () =>
        (await backfillQueueParked()) &&
        (await activities()).filter((r) => r.streams_status === 'stored').length > storedFirst,
    );
    const second = await activities();
    expectNewestFirst(second);
    expect(w.emu.control.countCalls({ status: 429 })).toBe(0);
    // Summaries are listed in the first phase only (a page that timed out is listed again, nothing more).
    expect(w.emu.control.countCalls({ path: '/api/v3/athlete/activities' })).toBe(listCalls);
  });

  it('when raw data is older than STRAVA_RAW_RETENTION_DAYS, then streams and details are purged and the activities stay', async () => {
    const before = await activities();
    const nowMs = w.deps.clock();
    await purgeRawData(
      {},
      { ...w.deps, clock: () => nowMs + 8 * DAY_MS },
      { jobId: 'purge', attemptsMade: 0, log: w.deps.logger },
    );
    const after = await activities();
    expect(after).toHaveLength(before.length);
    expect(after.filter((r) => r.streams_status === 'stored')).toEqual([]);
    expect(after.filter((r) => r.streams_status === 'purged')).toHaveLength(
      before.filter((r) => r.streams_status === 'stored').length,
    );
    const { rows } = await w.deps.db.query<{ streams: number; raw: number }>(
      `select (select count(*)::int from activity_stream) as streams, (select count(*)::int from activity where raw_detail is not null) as raw`,
    );
    expect(rows[0]).toEqual({ streams: 0, raw: 0 });
  });
});
