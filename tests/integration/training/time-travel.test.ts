import { QUEUE_NAMES, REPEATABLE_JOBS, type JobName } from '../../../services/queue/catalogue';

/** The maintenance queue's jobs are fired by the test itself, on the simulated clock. */
const WORKED = QUEUE_NAMES.filter((q) => q !== 'maintenance');
import { savePhysiologyEntered } from '../../../db/queries/training-settings';
import { activitiesKeepingNumbers } from '../../../services/training/request-recompute';
import { jobRunner } from '../../../workers/job-runners';
import { createIngestWorld, waitFor, type IngestWorld } from '../ingest/ingest-world';
import { expectSameNumbers, snapshotDerived, type DerivedSnapshot } from './derived-snapshot';

jest.setTimeout(600_000);

const DAY_MS = 86_400_000;
/** Every repeatable job of the catalogue, fired once per simulated day (a new one is included by itself). */
const PERIODIC: JobName[] = REPEATABLE_JOBS.map((j) => j.name);

/**
 * Time travel (issue 12): the real workers ingest 30 days from the Strava emulator, then the clock moves
 * on 8, 30 and 90 days with every periodic job firing each simulated day (purge, sweepers, refresh,
 * reconciliation, digests). Purging raw data is bookkeeping: no derived number may move, no metric may
 * be recomputed, and stream-based activities keep their method. Then an edit on Strava after the purge:
 * a rename changes nothing; a new sport type fetches the streams again and only then recomputes.
 */
describe('derived numbers through time', () => {
  let w: IngestWorld;
  let athleteId: string;
  let stravaId: number;
  let before: DerivedSnapshot;
  let day = 0;

  const allQueuesIdle = async () => {
    for (const name of WORKED) {
      const c = await w.deps.queues
        .queue(name)
        .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(c).some((n) => n > 0)) return false;
    }
    return true;
  };

  const firePeriodicJobs = async () => {
    for (const name of PERIODIC) {
      await jobRunner(name)({}, w.deps, {
        jobId: `tt-${name}-${day}`,
        attemptsMade: 0,
        log: w.deps.logger,
      });
    }
    await waitFor('every queue idle', allQueuesIdle, 120_000);
  };

  const travelTo = async (targetDay: number) => {
    while (day < targetDay) {
      w.emu.control.advanceClock(DAY_MS);
      day += 1;
      await firePeriodicJobs();
    }
  };

  beforeAll(async () => {
    w = await createIngestWorld({ listen: true });
    await w.subscribe();
    stravaId = w.emu.control.createAthlete({ profile: 'trail-runner', seed: 12, historyDays: 30 }).id;
    athleteId = await w.connect(stravaId);
    await w.startWorkers(WORKED);
    await w.deps.queues.enqueue('backfill-athlete', { athleteId });
    const expected = w.emu.control.activities(stravaId).length;
    await waitFor(
      'every activity computed from its streams',
      async () => {
        const { rows } = await w.deps.db.query<{ n: number; settled: number }>(
          `select count(m.activity_id)::int as n,
                  count(*) filter (where a.streams_status <> 'pending' and (m.from_streams or a.manual))::int as settled
           from activity a left join activity_metric m on m.activity_id = a.id where a.athlete_id = $1`,
          [athleteId],
        );
        return rows[0]!.n === expected && rows[0]!.settled === expected;
      },
      300_000,
    );
    await waitFor('every queue idle', allQueuesIdle, 120_000);
    await firePeriodicJobs();
    before = await snapshotDerived(w.deps.db, athleteId);
    expect(before.metrics.length).toBe(expected);
    expect(before.metrics.filter((m) => m.fromStreams).length).toBeGreaterThan(10);
  });
  afterAll(() => w.close());

  it.each([8, 30, 90])(
    'when %i days have passed with every periodic job firing, then every derived number is unchanged and nothing was recomputed',
    async (target) => {
      await travelTo(target);
      const after = await snapshotDerived(w.deps.db, athleteId);
      expect(after.rawStreams).toBe(0); // the purge did run: no streams held after 7 days
      expect(after.rawDetails).toBe(0);
      expectSameNumbers(before, after);
      expect(after.computedAt).toEqual(before.computedAt); // no metric recomputed without cause
    },
  );

  it('when the athlete changes their threshold heart rate after the purge, then activities whose streams are gone keep their numbers and are listed with the reason', async () => {
    await savePhysiologyEntered(w.deps.db, athleteId, { lthrBpm: 151 }, []);
    await w.deps.queues.enqueue('recompute-athlete', {
      athleteId,
      fromDate: before.series[0]!.day as string,
      recomputeActivities: true,
    });
    await waitFor('every queue idle', allQueuesIdle, 120_000);
    const after = await snapshotDerived(w.deps.db, athleteId);
    const streamBased = (s: DerivedSnapshot) => ({ ...s, metrics: s.metrics.filter((m) => m.fromStreams) });
    expectSameNumbers({ ...streamBased(before), series: [] }, { ...streamBased(after), series: [] });
    const kept = await activitiesKeepingNumbers(w.deps, athleteId);
    expect(kept.activities.map((a) => a.activityId).sort()).toEqual(
      before.metrics
        .filter((m) => m.fromStreams)
        .map((m) => m.activityId)
        .sort(),
    );
    expect(kept.activities.every((a) => a.reason === 'streams-purged')).toBe(true);
    expect(kept.explanation).toMatch(/keep the numbers computed when they arrived/);
    before = after; // the later edits compare with the numbers on the new basis
  });

  it('when an activity is renamed on Strava after the purge, then nothing is recomputed', async () => {
    const target = before.metrics.find((m) => m.fromStreams)!;
    w.emu.control.updateActivity(target.activityId, { name: 'Renamed long after' });
    await w.emu.control.flushDeliveries();
    await waitFor('every queue idle', allQueuesIdle, 120_000);
    const after = await snapshotDerived(w.deps.db, athleteId);
    expectSameNumbers(before, after);
    expect(after.computedAt).toEqual(before.computedAt);
  });

  it('when the sport type changes on Strava after the purge, then the streams are fetched again and only that activity is recomputed from them', async () => {
    const target = before.metrics.find((m) => m.fromStreams && m.sportType === 'TrailRun')!;
    const streamCalls = () =>
      w.emu.control.countCalls({ path: new RegExp(`/activities/${target.activityId}/streams`) });
    const callsBefore = streamCalls();
    w.emu.control.updateActivity(target.activityId, { sport_type: 'Run' });
    await w.emu.control.flushDeliveries();
    await waitFor('every queue idle', allQueuesIdle, 120_000);
    expect(streamCalls()).toBe(callsBefore + 1);
    const after = await snapshotDerived(w.deps.db, athleteId);
    const changed = after.metrics.find((m) => m.activityId === target.activityId)!;
    expect(changed).toMatchObject({ fromStreams: true, sportType: 'Run' });
    expect(changed.method).toBe(target.method);
    const recomputed = Object.keys(after.computedAt).filter(
      (id) => after.computedAt[id] !== before.computedAt[id],
    );
    expect(recomputed).toEqual([target.activityId]);
  });
});
