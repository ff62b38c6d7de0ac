import { CHAOS_WEBHOOK_PATH, createChaosWorld } from '../../support/chaos/chaos-world';
import { buildEventPlan } from '../../support/chaos/event-plan';
import { checkChaosRun } from '../../support/chaos/observe';
import { privatePostgresUnavailable } from '../../support/chaos/private-postgres';
import {
  backlog,
  pollUntil,
  reportInvariants,
  sleep,
  waitForQuiet,
  settleNote,
} from '../../support/chaos/settle';
import { sendEvents } from '../../support/chaos/strava-sender';
import type { ScenarioResult } from './webhook-storm';

export interface PostgresRestartOptions {
  totalEvents: number;
  athletes: number;
  /** How long PostgreSQL stays down (crash: `pg_ctl stop -m immediate`, then start). */
  downMs: number;
  settleTimeoutMs: number;
}

export interface ReadinessObservation {
  /** /readyz while PostgreSQL was down: 503 naming postgres, with redis still ok. */
  downStatus: number;
  downBody: { checks?: Record<string, { ok: boolean; error?: string }> } | null;
  /** /healthz while down: the process itself stays alive. */
  healthWhileDown: number;
  /** Whether /readyz came back to 200 by itself after the restart, and how long that took. */
  recovered: boolean;
  recoveryMs: number;
}

export type PostgresRestartResult = ScenarioResult & { readiness: ReadinessObservation; skipped?: string };

/**
 * PostgreSQL crashes mid-run on a private cluster (never the shared one): events keep arriving from the
 * Strava-like sender (3 attempts, 3 s apart, so its retries outlive the outage), the web process answers
 * 503 while the inbox is unreachable, /readyz names postgres as down, and when PostgreSQL is back the
 * service recovers by itself (no restart by us). Then I1–I5.
 */
export async function runPostgresRestart(o: PostgresRestartOptions): Promise<PostgresRestartResult> {
  const title = `PostgreSQL crash and restart (${o.downMs} ms down) during ${o.totalEvents} events`;
  const why = privatePostgresUnavailable();
  if (why) throw new Error(`scenario needs a private PostgreSQL cluster: ${why}`);
  const w = await createChaosWorld({ privatePostgres: true });
  try {
    const athletes = [];
    for (let i = 0; i < o.athletes; i++) athletes.push(await w.connectAthlete(2000 + i));
    const ids = athletes.map((a) => a.stravaId);
    const plan = buildEventPlan(w.emu, ids, { totalEvents: o.totalEvents, duplicateShare: 0.2, seed: 2 });
    const webUrl = await w.supervisor.startWeb();
    w.supervisor.startWorker('worker-1');
    const sending = sendEvents(`${webUrl}${CHAOS_WEBHOOK_PATH}`, plan.events, {
      concurrency: 4,
      retryDelayMs: 3000,
    });
    await pollUntil(
      async () => (await backlog(w.deps)).openInbox + (await doneCount(w)) > plan.uniqueEvents / 3,
      60_000,
    );
    const readiness = await crashAndWatch(w, webUrl, o.downMs);
    const sent = await sending;
    const settled = await waitForQuiet(w.deps, o.settleTimeoutMs);
    const note = await settleNote(w.deps, settled, o.settleTimeoutMs);
    await w.supervisor.stopAll();
    const { results: invariants } = await checkChaosRun(w, { ackedEvents: sent.ackedEvents });
    const text = reportInvariants(title, invariants, [
      `readyz while down: ${readiness.downStatus} ${JSON.stringify(readiness.downBody?.checks ?? null)}; healthz ${readiness.healthWhileDown}`,
      `recovered by itself: ${readiness.recovered ? `yes, readyz 200 ${readiness.recoveryMs} ms after PostgreSQL accepted connections` : 'NO'}`,
      `sender: ${sent.acked} acked, ${sent.gaveUp} given up, statuses ${JSON.stringify(sent.statusCounts)}, unexpected 5xx ${sent.serverErrors}`,
      note,
    ]);
    return { title, invariants, text, settled, readiness };
  } finally {
    await w.close();
  }
}

async function doneCount(w: Awaited<ReturnType<typeof createChaosWorld>>): Promise<number> {
  const { rows } = await w.deps.db.query<{ n: number }>(
    `select count(*)::int as n from webhook_inbox where status in ('done', 'dropped')`,
  );
  return rows[0]?.n ?? 0;
}

async function crashAndWatch(
  w: Awaited<ReturnType<typeof createChaosWorld>>,
  webUrl: string,
  downMs: number,
): Promise<ReadinessObservation> {
  await w.pg!.stop('immediate');
  await sleep(Math.min(2500, downMs / 2)); // readyz checks time out after 2 s
  const down = await fetch(`${webUrl}/readyz`).then(
    async (r) => ({
      status: r.status,
      body: (await r.json().catch(() => null)) as ReadinessObservation['downBody'],
    }),
    () => ({ status: 0, body: null }),
  );
  const healthWhileDown = await fetch(`${webUrl}/healthz`).then(
    (r) => r.status,
    () => 0,
  );
  await sleep(Math.max(0, downMs - 2500));
  await w.pg!.start();
  const backAt = Date.now();
  const recovered = await pollUntil(async () => (await fetch(`${webUrl}/readyz`)).status === 200, 60_000);
  return {
    downStatus: down.status,
    downBody: down.body,
    healthWhileDown,
    recovered,
    recoveryMs: Date.now() - backAt,
  };
}
