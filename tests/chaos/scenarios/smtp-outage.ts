import { CHAOS_WEBHOOK_PATH, createChaosWorld } from '../../support/chaos/chaos-world';
import { buildEventPlan } from '../../support/chaos/event-plan';
import { checkChaosRun } from '../../support/chaos/observe';
import { pollUntil, reportInvariants, sleep, waitForQuiet, settleNote } from '../../support/chaos/settle';
import { sendEvents } from '../../support/chaos/strava-sender';
import type { ScenarioResult } from './webhook-storm';

export interface SmtpOutageOptions {
  athletes: number;
  /** Events in all (each athlete gets a race, so each has at least one alert email). */
  totalEvents: number;
  /** How long the SMTP server refuses connections (issue 8: two minutes). */
  outageMs: number;
  settleTimeoutMs: number;
}

export type SmtpOutageResult = ScenarioResult & { failedWhileDown: number; messagesWhileDown: number };

/**
 * SMTP down: the real SMTP sink refuses connections for `outageMs` while alerts are decided, then comes
 * back on the same port. Every alert email must arrive afterwards, exactly once (X-Kneadwise-Key), with
 * no row given up (`failed`); the retry schedule lives in the outbox rows, so no Redis state is needed.
 */
export async function runSmtpOutage(o: SmtpOutageOptions): Promise<SmtpOutageResult> {
  const title = `SMTP down for ${Math.round(o.outageMs / 1000)} s while ${o.athletes} athletes get alerts`;
  const w = await createChaosWorld();
  try {
    const athletes = [];
    for (let i = 0; i < o.athletes; i++) athletes.push(await w.connectAthlete(3000 + i));
    const ids = athletes.map((a) => a.stravaId);
    const plan = buildEventPlan(w.emu, ids, { totalEvents: o.totalEvents, duplicateShare: 0.2, seed: 3 });
    await w.smtp.stop();
    const webUrl = await w.supervisor.startWeb();
    w.supervisor.startWorker('worker-1');
    const sent = await sendEvents(`${webUrl}${CHAOS_WEBHOOK_PATH}`, plan.events, { concurrency: 8 });
    // The outage is timed from the first delivery attempt that hit the dead server, so it really
    // covers the alerts' sending (the pipeline before them takes its own time).
    await pollUntil(async () => (await outboxAttempts(w)) > 0, o.settleTimeoutMs);
    await sleep(o.outageMs);
    const failedWhileDown = await outboxAttempts(w);
    const messagesWhileDown = w.smtp.messages.length;
    await w.smtp.start();
    const settled = await waitForQuiet(w.deps, o.settleTimeoutMs);
    const note = await settleNote(w.deps, settled, o.settleTimeoutMs);
    await w.supervisor.stopAll();
    const { results: invariants } = await checkChaosRun(w, {
      ackedEvents: sent.ackedEvents,
      compareSeries: false,
    });
    const text = reportInvariants(title, invariants, [
      `while down: ${failedWhileDown} failed delivery attempts recorded, ${messagesWhileDown} messages received`,
      `after recovery: ${w.smtp.messages.length} messages for ${await alertEmailCount(w)} alert emails`,
      note,
    ]);
    return { title, invariants, text, settled, failedWhileDown, messagesWhileDown };
  } finally {
    await w.close();
  }
}

async function outboxAttempts(w: Awaited<ReturnType<typeof createChaosWorld>>): Promise<number> {
  const { rows } = await w.deps.db.query<{ n: number }>(
    `select coalesce(sum(attempts), 0)::int as n from email_outbox where last_error is not null`,
  );
  return rows[0]?.n ?? 0;
}

async function alertEmailCount(w: Awaited<ReturnType<typeof createChaosWorld>>): Promise<number> {
  const { rows } = await w.deps.db.query<{ n: number }>(
    `select count(*)::int as n from email_outbox where kind like '%alert%' and status <> 'cancelled'`,
  );
  return rows[0]?.n ?? 0;
}
