import { completeStravaConnection } from '../../../services/connection/connect-athlete';
import { run as verifyStravaAccess } from '../../../workers/jobs/verify-strava-access';
import { startWorkers, type WorkerHandle } from '../../../workers/main';
import { queuesIdle, waitFor } from '../ingest/ingest-world';
import { connectAthlete, rowsMentioning, startStravaWorld, type StravaWorld } from './strava-world';

/**
 * The athlete revokes Kneadwise on Strava and the deauthorization event never reaches us (no
 * subscription here: Strava's three attempts all failed). Strava's 401 / invalid_grant on our next call,
 * or the periodic access check, must lead to the same result as the event: every row deleted, one
 * e-mail saying so, and a reconnect that starts clean.
 */
jest.setTimeout(300_000);

let world: StravaWorld;
let workers: WorkerHandle;

beforeAll(async () => {
  world = await startStravaWorld();
  workers = await startWorkers(world.deps, ['ingest', 'backfill']);
});
afterAll(async () => {
  await workers.close();
  await world.close();
});

let mailboxes = 0;

async function connectWithEmail() {
  const a = await connectAthlete(world);
  // The address names neither id, so "no row mentions the athlete" holds once the e-mail is queued.
  const email = `lost-access-${++mailboxes}@example.test`;
  await world.deps.db.query(`update app_user set email = $2, email_confirmed_at = now() where id = $1`, [
    a.userId,
    email,
  ]);
  world.emu.control.addActivity(a.stravaId, { kind: 'easy-run', durationS: 1200 });
  await world.deps.queues.enqueue('backfill-athlete', { athleteId: a.athleteId });
  await waitFor('connect-time import done', async () => {
    const { rows } = await world.deps.db.query<{ n: number }>(
      'select count(*)::int as n from activity where athlete_id = $1',
      [a.athleteId],
    );
    return rows[0]!.n > 0 && (await queuesIdle(world.deps, ['ingest', 'backfill']));
  });
  return { ...a, email };
}

const deletionEmails = async (recipient: string) =>
  (
    await world.deps.db.query<{ subject: string; athlete_id: string | null }>(
      `select subject, athlete_id from email_outbox where kind = 'strava-data-deleted' and recipient = $1`,
      [recipient],
    )
  ).rows;

async function expectDeletedWithOneEmail(a: {
  athleteId: string;
  stravaId: number;
  email: string;
}): Promise<void> {
  const needles = [a.athleteId, String(a.stravaId)];
  await waitFor(
    'athlete deleted',
    async () => Object.keys(await rowsMentioning(world.deps, needles)).length === 0,
    60_000,
  );
  // A job that met the dead token retries once more after its capped backoff (up to 60 s plus jitter,
  // services/queue/catalogue.ts) and then finds the athlete gone: wait for that, not a fixed minute.
  await waitFor('queues idle', () => queuesIdle(world.deps, ['ingest', 'backfill']), 150_000);
  const emails = await deletionEmails(a.email);
  expect(emails).toEqual([{ subject: 'Your Strava data was deleted from Kneadwise', athlete_id: null }]);
}

describe('a deauthorization whose webhook never arrives', () => {
  it('when our next call gets 401 and the refresh invalid_grant, then the athlete is deleted, mailed once, and reconnecting starts clean', async () => {
    const a = await connectWithEmail();
    world.emu.control.deauthorize(a.stravaId); // tokens die; the event goes nowhere
    expect(world.emu.control.deliveryStats()).toMatchObject({ delivered: 0 });
    await world.deps.queues.enqueue('reconcile-athlete', { athleteId: a.athleteId, windowId: 'lost-1' });
    await expectDeletedWithOneEmail(a);
    // Reconnecting: a new athlete row, nothing of the old one.
    const code = world.emu.control.authorize({ athleteId: a.stravaId });
    const again = await completeStravaConnection(world.deps, code, 'read,activity:read_all,profile:read_all');
    expect(again.athlete.id).not.toBe(a.athleteId);
    const { rows } = await world.deps.db.query<{ n: number }>(
      'select count(*)::int as n from activity where athlete_id = $1',
      [again.athlete.id],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('when no call of ours touches the athlete for a day, then the periodic access check finds the dead token and deletes', async () => {
    const a = await connectWithEmail();
    world.emu.control.deauthorize(a.stravaId);
    // Nothing has used the token since: age it past the check's idle time (the token row's clock).
    await world.deps.db.query('update strava_token set updated_at = $2 where athlete_id = $1', [
      a.athleteId,
      new Date(world.deps.clock() - 25 * 3_600_000),
    ]);
    await verifyStravaAccess({}, world.deps, {
      jobId: 'verify-strava-access',
      attemptsMade: 0,
      log: world.deps.logger,
    });
    await expectDeletedWithOneEmail(a);
  });

  it('when the periodic check finds a working token, then nothing is deleted and the token is not checked again for a day', async () => {
    const a = await connectWithEmail();
    await world.deps.db.query('update strava_token set updated_at = $2 where athlete_id = $1', [
      a.athleteId,
      new Date(world.deps.clock() - 25 * 3_600_000),
    ]);
    const run = verifyStravaAccess;
    const ctx = { jobId: 'verify-strava-access', attemptsMade: 0, log: world.deps.logger };
    await run({}, world.deps, ctx);
    await waitFor('access confirmed', () =>
      Promise.resolve(world.deps.logText().includes('Strava access confirmed')),
    );
    await waitFor('queues idle', () => queuesIdle(world.deps, ['ingest', 'backfill']));
    const { rows } = await world.deps.db.query('select connection_state from athlete where id = $1', [
      a.athleteId,
    ]);
    expect(rows[0]).toEqual({ connection_state: 'connected' });
    world.emu.control.resetLog();
    await run({}, world.deps, ctx);
    await waitFor('queues idle', () => queuesIdle(world.deps, ['ingest', 'backfill']));
    expect(world.emu.control.countCalls({ athleteId: a.stravaId })).toBe(0);
  });
});
