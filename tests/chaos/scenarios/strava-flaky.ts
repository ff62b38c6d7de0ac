import { CHAOS_WEBHOOK_PATH, createChaosWorld } from '../../support/chaos/chaos-world';
import { buildEventPlan } from '../../support/chaos/event-plan';
import { checkChaosRun } from '../../support/chaos/observe';
import { reportInvariants, waitForQuiet, settleNote } from '../../support/chaos/settle';
import { sendEvents } from '../../support/chaos/strava-sender';
import type { ScenarioResult } from './webhook-storm';

export interface StravaFlakyOptions {
  totalEvents: number;
  athletes: number;
  /** Share of Strava requests answered 500 and share left hanging (issue 8: 20 % together). */
  errorRate: number;
  timeoutRate: number;
  settleTimeoutMs: number;
}

export type StravaFlakyResult = ScenarioResult & {
  injected: number;
  stravaCalls: number;
  failedJobs: number;
};

/**
 * Strava answers 500 or never answers for a share of requests (the emulator's failure injection, seeded);
 * our client times out hung calls after 10 s and jobs retry with backoff. Every job must complete: no job
 * left in BullMQ's failed set, every activity converged (I2), and I1–I5 as always.
 */
export async function runStravaFlaky(o: StravaFlakyOptions): Promise<StravaFlakyResult> {
  const title = `Strava failing ${Math.round((o.errorRate + o.timeoutRate) * 100)} % (500s and timeouts) during ${o.totalEvents} events`;
  const w = await createChaosWorld({
    emulator: { seed: 4, failures: { errorRate: 0, timeoutRate: 0, hangMs: 15_000 } },
  });
  try {
    const athletes = [];
    for (let i = 0; i < o.athletes; i++) athletes.push(await w.connectAthlete(4000 + i));
    const ids = athletes.map((a) => a.stravaId);
    const plan = buildEventPlan(w.emu, ids, { totalEvents: o.totalEvents, duplicateShare: 0.2, seed: 4 });
    // Failures start after the OAuth setup: they target the sync path, not the test's own connect calls.
    w.emu.control.setFailures({ errorRate: o.errorRate, timeoutRate: o.timeoutRate });
    const webUrl = await w.supervisor.startWeb();
    w.supervisor.startWorker('worker-1');
    w.supervisor.startWorker('worker-2');
    const sent = await sendEvents(`${webUrl}${CHAOS_WEBHOOK_PATH}`, plan.events, { concurrency: 8 });
    const settled = await waitForQuiet(w.deps, o.settleTimeoutMs);
    const note = await settleNote(w.deps, settled, o.settleTimeoutMs);
    const failedJobs = await failedJobCount(w);
    await w.supervisor.stopAll();
    w.emu.control.setFailures({ errorRate: 0, timeoutRate: 0 });
    const { results: invariants } = await checkChaosRun(w, { ackedEvents: sent.ackedEvents });
    const injected =
      w.emu.control.countCalls({ kind: 'read' }) -
      w.emu.control.requestLog({ kind: 'read' }).filter((e) => !e.injected).length;
    const stravaCalls = w.emu.control.countCalls({ kind: 'read' });
    const text = reportInvariants(title, invariants, [
      `Strava: ${stravaCalls} API reads, ${injected} answered with an injected 500 or left hanging`,
      `jobs in BullMQ's failed set at the end: ${failedJobs}`,
      note,
    ]);
    return { title, invariants, text, settled, injected, stravaCalls, failedJobs };
  } finally {
    await w.close();
  }
}

async function failedJobCount(w: Awaited<ReturnType<typeof createChaosWorld>>): Promise<number> {
  let n = 0;
  for (const name of ['ingest', 'backfill', 'compute', 'notify'] as const) {
    n += (await w.deps.queues.queue(name).getJobCounts('failed')).failed ?? 0;
  }
  return n;
}
