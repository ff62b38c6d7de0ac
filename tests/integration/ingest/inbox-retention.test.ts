import { randomUUID } from 'node:crypto';
import { deleteAthleteEverything } from '../../../db/queries/athlete-deletion';
import { insertInboxEvent } from '../../../db/queries/webhook-inbox';
import { run as purgeRawData } from '../../../workers/jobs/purge-raw-data';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { insertAthlete } from '../notify/fixtures';

const DAY_MS = 86_400_000;
let deps: TestDeps;

beforeAll(async () => {
  deps = await createTestDeps({ WEBHOOK_INBOX_RETENTION_DAYS: '3' });
});
afterAll(() => deps.close());

async function stravaIdOf(athleteId: string): Promise<string> {
  const { rows } = await deps.db.query<{ s: string }>(
    'select strava_athlete_id::text as s from athlete where id = $1',
    [athleteId],
  );
  return rows[0]!.s;
}

/** An inbox row of `ownerId` in `status`, received `ageDays` ago. */
async function inboxRow(ownerId: string, status: string, ageDays: number): Promise<string> {
  const row = await insertInboxEvent(deps.db, {
    dedupKey: randomUUID(),
    objectType: 'activity',
    objectId: String(Math.floor(Math.random() * 1e12)),
    aspectType: 'update',
    ownerId,
    subscriptionId: '1',
    eventTime: Math.floor(Date.now() / 1000),
    updates: { title: 'Hill repeats with Ana' },
  });
  await deps.db.query(
    `update webhook_inbox set status = $2, received_at = now() - make_interval(secs => $3) where id = $1::bigint`,
    [row!.id, status, ageDays * 86_400],
  );
  return row!.id;
}

async function remaining(ids: string[]): Promise<string[]> {
  const { rows } = await deps.db.query<{ id: string }>(
    'select id::text from webhook_inbox where id = any($1::bigint[]) order by id',
    [ids],
  );
  return rows.map((r) => r.id);
}

const purge = (nowMs = deps.clock()) =>
  purgeRawData({}, { ...deps, clock: () => nowMs }, { jobId: 'purge', attemptsMade: 0, log: deps.logger });

describe('webhook inbox retention', () => {
  it('when processed rows are older than WEBHOOK_INBOX_RETENTION_DAYS, then the purge deletes them and keeps newer and unprocessed ones', async () => {
    const owner = await stravaIdOf((await insertAthlete(deps)).athleteId);
    const old = await Promise.all(['done', 'dropped', 'failed'].map((s) => inboxRow(owner, s, 4)));
    const young = await Promise.all(['done', 'dropped', 'failed'].map((s) => inboxRow(owner, s, 2)));
    const open = await Promise.all(['pending', 'enqueued'].map((s) => inboxRow(owner, s, 30)));
    await purge();
    expect(await remaining([...old, ...young, ...open])).toEqual([...young, ...open].sort());
    await purge(deps.clock() + 2 * DAY_MS);
    expect(await remaining([...young, ...open])).toEqual([...open].sort());
  });

  it('when the retention is not configured, then it is 7 days', async () => {
    const defaults = await createTestDeps();
    try {
      expect(defaults.config.strava.inboxRetentionDays).toBe(7);
    } finally {
      await defaults.close();
    }
  });

  it("when an athlete is deleted, then every inbox row naming their Strava id goes with them and others' stay", async () => {
    const gone = await insertAthlete(deps);
    const stays = await insertAthlete(deps);
    const goneId = await stravaIdOf(gone.athleteId);
    const theirs = await Promise.all(['done', 'pending', 'dropped'].map((s) => inboxRow(goneId, s, 0)));
    const others = [await inboxRow(await stravaIdOf(stays.athleteId), 'done', 0)];
    expect((await deleteAthleteEverything(deps.db, gone.athleteId)).deleted).toBe(true);
    expect(await remaining([...theirs, ...others])).toEqual(others);
    const { rows } = await deps.db.query('select 1 from webhook_inbox where owner_id = $1::bigint', [goneId]);
    expect(rows).toHaveLength(0);
  });
});
