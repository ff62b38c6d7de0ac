import { createPrng, type WebhookEvent } from '../../../services/strava-emulator';
import {
  CHAOS_WEBHOOK_PATH,
  createChaosWorld,
  SUBSCRIPTION_ID,
  type ChaosWorld,
} from '../../support/chaos/chaos-world';
import { buildEventPlan } from '../../support/chaos/event-plan';
import { checkInvariants, type InvariantResult } from '../../support/chaos/invariants';
import { pollUntil, reportInvariants, settleNote, sleep, waitForQuiet } from '../../support/chaos/settle';
import { sendEvents, type SendOutcome } from '../../support/chaos/strava-sender';

export interface StormOptions {
  /** Webhook deliveries in all, duplicates included (issue 8: 10,000). */
  totalEvents: number;
  duplicateShare?: number;
  /** SIGKILLs of worker processes during the run (issue 8: 5). */
  workerKills: number;
  /** Graceful Redis restarts during the run (issue 8: 1). */
  redisRestarts: number;
  athletes: number;
  seed?: number;
  /** Upper bound for the whole run to settle after the chaos; the run reports rather than hangs. */
  settleTimeoutMs: number;
}

export interface ScenarioResult {
  title: string;
  invariants: InvariantResult[];
  text: string;
  settled: boolean;
}

const WORKERS = ['worker-1', 'worker-2'];

/**
 * Issue 8, part 3, first scenario: `totalEvents` webhook deliveries (20 % exact duplicates, shuffled) sent
 * like Strava (2 s timeout, 3 attempts) to a real web process, processed by two real worker processes
 * that are SIGKILLed and restarted `workerKills` times while Redis is shut down and restarted
 * `redisRestarts` times. Chaos actions are spread over the processing progress, not the clock. At the
 * end one athlete revokes access (a verified deauthorization), and I1–I5 are checked and printed.
 */
export async function runWebhookStorm(o: StormOptions): Promise<ScenarioResult> {
  const title = `webhook storm: ${o.totalEvents} events, ${o.workerKills} worker kills, ${o.redisRestarts} Redis restart(s)`;
  const w = await createChaosWorld();
  try {
    const athletes = [];
    for (let i = 0; i < o.athletes + 1; i++) athletes.push(await w.connectAthlete(1000 + i));
    const leaving = athletes.pop()!;
    const plan = buildEventPlan(w.emu, athletes.map((a) => a.stravaId).concat(leaving.stravaId), {
      totalEvents: o.totalEvents,
      duplicateShare: o.duplicateShare ?? 0.2,
      seed: o.seed ?? 1,
    });
    const webUrl = await w.supervisor.startWeb();
    WORKERS.forEach((n) => w.supervisor.startWorker(n));
    const expected = plan.uniqueEvents + plan.activities;
    const sending = sendEvents(`${webUrl}${CHAOS_WEBHOOK_PATH}`, plan.events, { concurrency: 8 });
    await runChaos(w, o, expected);
    const sent = await sending;
    const deauth = await deauthorize(w, webUrl, leaving.stravaId);
    const settled = await waitForQuiet(w.deps, o.settleTimeoutMs);
    const note = await settleNote(w.deps, settled, o.settleTimeoutMs);
    await w.supervisor.stopAll();
    const invariants = await checkInvariants({
      deps: w.deps,
      emu: w.emu,
      stravaIds: athletes.map((a) => a.stravaId),
      ackedEvents: [...sent.ackedEvents, ...deauth.ackedEvents],
      smtp: w.smtp,
      supervisor: w.supervisor,
      deleted: [{ athleteId: leaving.athleteId, stravaId: leaving.stravaId }],
      ambiguousWindowKills: w.supervisor.kills,
    });
    const text = reportInvariants(title, invariants, [
      `plan: ${plan.activities} activities, ${plan.uniqueEvents} unique events (${plan.updates} updates, ${plan.deletes} deletes), ${plan.duplicates} duplicates, shuffled`,
      `sender: ${describeSend(sent)}`,
      `chaos: ${w.supervisor.kills} SIGKILLs, ${w.redis?.restarts ?? 0} Redis restart(s); Strava calls ${w.emu.control.countCalls({ kind: 'read' })} reads for ${plan.activities} activities`,
      note,
    ]);
    return { title, invariants, text, settled };
  } finally {
    await w.close();
  }
}

/** Progress 0..1: inbox rows finished plus activities stored, over what the plan will produce. */
async function progress(w: ChaosWorld, expected: number): Promise<number> {
  const { rows } = await w.deps.db.query<{ n: number }>(
    `select (select count(*) from webhook_inbox where status in ('done', 'dropped'))
          + (select count(*) from activity_metric) as n`,
  );
  return Number(rows[0]?.n ?? 0) / expected;
}

/** Kills and restarts at evenly spaced progress marks; bounded so a stuck run cannot hang here. */
async function runChaos(w: ChaosWorld, o: StormOptions, expected: number): Promise<void> {
  const prng = createPrng(`chaos-actions/${o.seed ?? 1}`);
  const actions: { at: number; act: () => Promise<void> }[] = [];
  for (let k = 1; k <= o.workerKills; k++)
    actions.push({
      at: k / (o.workerKills + 2),
      act: () => w.supervisor.killAndRestart(prng.pick(WORKERS), 500),
    });
  for (let k = 1; k <= o.redisRestarts; k++)
    actions.push({
      at: (k - 0.5) / (o.redisRestarts + 1) + 0.05,
      act: () => w.redis!.restart(prng.int(1000, 3000)),
    });
  actions.sort((a, b) => a.at - b.at);
  for (const action of actions) {
    await pollUntil(async () => (await progress(w, expected)) >= action.at, o.settleTimeoutMs);
    await action.act();
    await sleep(300);
  }
}

/** The athlete revokes access on Strava, which then sends `authorized: "false"`. */
async function deauthorize(w: ChaosWorld, webUrl: string, stravaId: number): Promise<SendOutcome> {
  w.emu.control.deauthorize(stravaId);
  const event: WebhookEvent = {
    aspect_type: 'update',
    event_time: Math.floor(w.emu.clock.now() / 1000),
    object_id: stravaId,
    object_type: 'athlete',
    owner_id: stravaId,
    subscription_id: SUBSCRIPTION_ID,
    updates: { authorized: 'false' },
  };
  return sendEvents(`${webUrl}${CHAOS_WEBHOOK_PATH}`, [event]);
}

function describeSend(s: SendOutcome): string {
  return `${s.acked} acked, ${s.gaveUp} given up, ${s.failedAttempts} failed attempts, ${s.serverErrors} unexpected 5xx, statuses ${JSON.stringify(s.statusCounts)}`;
}
