import { deliverOutboxEmail } from '../../../services/notify/outbox-relay';
import { CHAOS_WEBHOOK_PATH, createChaosWorld, type ChaosWorld } from '../../support/chaos/chaos-world';
import { buildEventPlan } from '../../support/chaos/event-plan';
import { evaluateInvariants, type Expected } from '../../support/chaos/invariants';
import { deauthorizedOf, expectFromWorld, observe } from '../../support/chaos/observe';
import { waitForQuiet } from '../../support/chaos/settle';
import { sendEvents, type SendOutcome } from '../../support/chaos/strava-sender';

jest.setTimeout(300_000);

/**
 * End to end, the chaos checker catches each defect it guards against: a small real run (web and worker
 * processes, emulator, SMTP sink) passes every invariant, then each defect is injected into the real
 * database, mail server or emulator world (cumulatively) and the checker must report exactly that
 * invariant failing next.
 */
describe('chaos checker (reduced): injected defects are reported', () => {
  let w: ChaosWorld;
  let sent: SendOutcome;
  let expected: Expected;

  const failing = async (x: Expected = expected) => {
    const o = await observe(w.deps, w.smtp, w.supervisor, deauthorizedOf(w, x.truth));
    return evaluateInvariants(x, o)
      .filter((r) => !r.pass)
      .map((r) => r.id);
  };

  beforeAll(async () => {
    w = await createChaosWorld();
    const a = await w.connectAthlete(9100);
    const b = await w.connectAthlete(9101);
    const leaving = await w.connectAthlete(9102);
    const plan = buildEventPlan(w.emu, [a.stravaId, b.stravaId, leaving.stravaId], {
      totalEvents: 60,
      duplicateShare: 0.2,
      seed: 9,
      deauthorize: [leaving.stravaId],
    });
    const webUrl = await w.supervisor.startWeb();
    w.supervisor.startWorker('worker-1');
    sent = await sendEvents(`${webUrl}${CHAOS_WEBHOOK_PATH}`, plan.events, { concurrency: 4 });
    expect(await waitForQuiet(w.deps, 180_000)).toBe(true);
    await w.supervisor.stopAll();
    expected = await expectFromWorld(w, sent.ackedEvents, true);
  });

  afterAll(async () => {
    await w?.close();
  });

  it('when nothing is injected, then every invariant passes against the world and the clean run', async () => {
    expect(expected.clean!.metrics.size).toBeGreaterThan(10);
    expect(expected.truth.activities.some((t) => t.deleted)).toBe(true);
    expect(await failing()).toEqual([]);
  });

  it('when the notifier sends an alert email a second time with no fault to explain it, then I3d (re-sent copies) fails', async () => {
    const { rows } = await w.deps.db.query<{ id: string }>(
      `update email_outbox set status = 'pending', next_attempt_at = now(), lease_until = null
        where id = (select min(id) from email_outbox where kind like '%alert%' and status = 'sent')
        returning id::text`,
    );
    expect(rows).toHaveLength(1);
    await deliverOutboxEmail(w.deps, rows[0]!.id);
    // The same outbox row sent again carries the same Message-ID: a re-send, counted by I3d, allowed only
    // for faults in the SMTP 250 -> commit window (none were injected here). A second, distinct message
    // for one alert email is I3a (tests/unit/chaos/invariants-mutation.test.ts).
    expect(await failing()).toEqual(['I3d']);
  });

  it('when a stored derived number changes (purge-then-recompute), then I3c (series vs clean run) fails', async () => {
    await w.deps.db.query(
      `update activity_metric set load = load * 0.83 where activity_id = (select min(activity_id) from activity_metric)`,
    );
    await w.deps.db.query(
      `update daily_series set ctl = ctl + 0.000001 where (athlete_id, day) = (select athlete_id, max(day) from daily_series group by 1 limit 1)`,
    );
    expect(await failing()).toEqual(['I3d', 'I3c']);
  });

  it('when an acked event is lost from the inbox, then I1 (lost events) fails', async () => {
    await w.deps.db.query(
      `delete from webhook_inbox where id = (select min(id) from webhook_inbox where object_type = 'activity')`,
    );
    expect(await failing()).toEqual(['I1', 'I3d', 'I3c']);
  });

  it('when Strava deletes an activity and the delete never reaches us, then I2a (present but deleted) fails', async () => {
    const { rows } = await w.deps.db.query<{ id: string; owner: number }>(
      `select a.id::text as id, t.strava_athlete_id::int as owner from activity a join athlete t on t.id = a.athlete_id limit 1`,
    );
    w.emu.control.deleteActivity(rows[0]!.id); // the emulator has no subscription: no event is sent
    const now = await expectFromWorld(w, sent.ackedEvents, false);
    expect(await failing({ ...now, clean: expected.clean })).toEqual(['I1', 'I2a', 'I3d', 'I3c']);
  });

  it('when a deauthorized athlete keeps an inbox row it had before the deletion, then I4 fails', async () => {
    const gone = deauthorizedOf(w, expected.truth)[0]!;
    await w.deps.db.query(
      `insert into webhook_inbox (dedup_key, object_type, object_id, aspect_type, owner_id, event_time, status)
       values ('injected-leftover', 'activity', 1, 'create', $1, 1, 'done')`,
      [gone.stravaId],
    );
    const now = await expectFromWorld(w, sent.ackedEvents, false);
    expect(await failing({ ...now, clean: expected.clean })).toEqual(['I1', 'I2a', 'I3d', 'I3c', 'I4']);
  });
});
