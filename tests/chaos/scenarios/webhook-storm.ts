import { CHAOS_WEBHOOK_PATH, createChaosWorld, type ChaosWorld } from '../../support/chaos/chaos-world';
import { buildEventPlan } from '../../support/chaos/event-plan';
import { describeFaults, driveFaults, type StormFaults } from '../../support/chaos/fault-driver';
import type { InvariantResult } from '../../support/chaos/invariants';
import { checkChaosRun } from '../../support/chaos/observe';
import type { WebhookEvent } from '../../../tools/strava-emulator';
import { reportInvariants, settleNote, sleep, waitForQuiet } from '../../support/chaos/settle';
import { sendEvents, type SendOutcome } from '../../support/chaos/strava-sender';

export interface StormOptions {
  /** Webhook deliveries in all, duplicates included (issue 12: 10,000). */
  totalEvents: number;
  duplicateShare?: number;
  athletes: number;
  faults: StormFaults;
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
 * The storm: `totalEvents` webhook deliveries (20 % exact duplicates, shuffled, with renames, privacy
 * flips, deletions and one deauthorization) sent like Strava (2 s timeout, 3 attempts) to a real web
 * process and two real worker processes, while workers and web are SIGKILLed, Redis is SIGKILLed (AOF
 * always), PostgreSQL crashes and restarts, SMTP is down, and Strava answers 5xx, 429, slowly or not at
 * all. One athlete grants only activity:read. Then every invariant is checked against the emulator's
 * world and an independent clean run.
 */
export async function runWebhookStorm(o: StormOptions): Promise<ScenarioResult> {
  const title = `webhook storm: ${o.totalEvents} events, every fault`;
  const w = await createChaosWorld({
    privatePostgres: o.faults.postgresRestarts > 0,
    emulator: { seed: o.seed ?? 1, failures: { hangMs: 12_000 } },
  });
  try {
    const athletes = [];
    for (let i = 0; i < o.athletes; i++) athletes.push(await w.connectAthlete(1000 + i));
    athletes.push(await w.connectAthlete(1000 + o.athletes, ['read', 'activity:read']));
    const leaving = await w.connectAthlete(1001 + o.athletes);
    const ids = athletes.map((a) => a.stravaId);
    const plan = buildEventPlan(w.emu, [...ids, leaving.stravaId], {
      totalEvents: o.totalEvents,
      duplicateShare: o.duplicateShare ?? 0.2,
      seed: o.seed ?? 1,
      limited: [ids[ids.length - 1]!],
      deauthorize: [leaving.stravaId],
    });
    const webUrl = await w.supervisor.startWeb();
    WORKERS.forEach((n) => w.supervisor.startWorker(n));
    const expected = plan.uniqueEvents + plan.activities;
    const faults = driveFaults(w, o.faults, () => progress(w, expected), {
      seed: o.seed ?? 1,
      workers: WORKERS,
      timeoutMs: o.settleTimeoutMs,
    });
    const sent = await sendPaced(`${webUrl}${CHAOS_WEBHOOK_PATH}`, plan.events, () => progress(w, expected));
    await faults.done;
    // The storm is over and every fault has landed: Strava heals too, and the run must converge. With
    // Strava still failing 20% of calls while settling, a job's retries could spend all their attempts.
    await faults.stop();
    const settled = await waitForQuiet(w.deps, o.settleTimeoutMs);
    const note = await settleNote(w.deps, settled, o.settleTimeoutMs);
    await w.supervisor.stopAll();
    const { results } = await checkChaosRun(w, {
      ackedEvents: sent.ackedEvents,
      notifierWindowFaults: faults.log.workerKills + faults.log.postgresRestarts,
    });
    const text = reportInvariants(title, results, [
      `plan: ${plan.activities} activities, ${plan.uniqueEvents} unique events (${plan.updates} renames, ${plan.privacyChanges} privacy flips, ${plan.deletes} deletes, ${plan.deauthorized.length} deauthorization), ${plan.duplicates} duplicates, shuffled`,
      `sender: ${describeSend(sent)}`,
      `faults: ${describeFaults(faults.log)}; Strava ${w.emu.control.countCalls({ kind: 'read' })} reads, ${injectedCount(w)} answered with an injected fault`,
      note,
    ]);
    return { title, invariants: results, text, settled };
  } finally {
    await w.close();
  }
}

/**
 * Sends the events at the pace of processing (event i waits until progress reaches 0.8 i/n - 0.1), so
 * deliveries keep arriving while the kills and crashes land; all at once, the sender would be done
 * before the first one. Strava's own retry comes minutes later; 8 s between attempts outlives a web or
 * PostgreSQL restart.
 */
async function sendPaced(
  url: string,
  events: WebhookEvent[],
  progressOf: () => Promise<number>,
): Promise<SendOutcome> {
  let current = 0;
  let sending = true;
  const watcher = (async () => {
    while (sending) {
      current = await progressOf().catch(() => current);
      await sleep(250);
    }
  })();
  const before = async (i: number) => {
    const until = Date.now() + 120_000; // never stall the storm on a stuck progress measure
    while (current < (0.8 * i) / events.length - 0.1 && Date.now() < until) await sleep(100);
  };
  try {
    return await sendEvents(url, events, { concurrency: 8, retryDelayMs: 8000, before });
  } finally {
    sending = false;
    await watcher;
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

export function injectedCount(w: ChaosWorld): number {
  return w.emu.control.requestLog().filter((e) => e.injected).length;
}

export function describeSend(s: SendOutcome): string {
  return `${s.acked} acked, ${s.gaveUp} given up, ${s.failedAttempts} failed attempts, ${s.serverErrors} unexpected 5xx, statuses ${JSON.stringify(s.statusCounts)}`;
}
