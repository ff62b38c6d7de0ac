/**
 * End-to-end pipeline bench: `npx tsx tools/bench/pipeline.ts` (part of npm run bench).
 * Webhook -> inbox -> process-webhook-event -> sync-activity (Strava detail + streams from the emulator at
 * zero latency, no rate limits) -> recompute-athlete (per-activity load and strain, daily series, alert
 * decision, outbox) -> e-mail to a real SMTP sink. The web app runs in this process; the jobs run in real
 * worker processes (`services/main.ts --role=worker`, BENCH_WORKERS, default 1, concurrency 4), as in
 * production. Measures activities per second from the first POST until every activity has its stored
 * metrics and the queues are empty, and Strava API calls per activity. Uses a fresh database on
 * DATABASE_URL's server and its own queue prefix on REDIS_URL; both are removed at the end.
 */
import type { Server } from 'node:http';
import { buildApp } from '../../services/api/app';
import { loadConfig } from '../../services/config';
import { CHAOS_WEBHOOK_PATH, createChaosWorld } from '../../tests/support/chaos/chaos-world';
import { buildEventPlan } from '../../tests/support/chaos/event-plan';
import { backlog, pollUntil } from '../../tests/support/chaos/settle';
import { sendEvents } from '../../tests/support/chaos/strava-sender';
import { requireBenchPrerequisites } from './prerequisites';

export interface PipelineBenchResult {
  athletes: number;
  activities: number;
  workers: number;
  workerConcurrency: number;
  seconds: number;
  activitiesPerS: number;
  /** Every Strava API read divided by the activities (2 = detail + streams). */
  stravaCallsPerActivity: number;
  stravaCalls: Record<string, number>;
  webhookAcks: number;
  alertEmails: number;
  completed: boolean;
}

/** Runs the bench and returns the figures (used by tools/bench/run-all.ts too). */
export async function runPipelineBench(
  opts: { activities?: number; athletes?: number; workers?: number } = {},
): Promise<PipelineBenchResult> {
  const activities = opts.activities ?? Number(process.env.BENCH_ACTIVITIES ?? 300);
  const athleteCount = opts.athletes ?? 5;
  const workers = opts.workers ?? Number(process.env.BENCH_WORKERS ?? 1);
  const config = loadConfig();
  const w = await createChaosWorld({
    externalRedisUrl: config.redisUrl,
    postgresAdminUrl: config.databaseUrl.replace(/\/[^/]*$/, '/postgres'),
    emulator: { seed: 'bench', failures: { latencyMs: 0 } },
  });
  let server: Server | null = null;
  try {
    const ids: number[] = [];
    for (let i = 0; i < athleteCount; i++) ids.push((await w.connectAthlete(9000 + i)).stravaId);
    const plan = buildEventPlan(w.emu, ids, {
      totalEvents: activities,
      duplicateShare: 0,
      seed: 9,
      edits: false,
    });
    const listening = buildApp(w.deps).listen(0, '127.0.0.1');
    server = listening;
    await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
    const port = (listening.address() as { port: number }).port;
    for (let i = 0; i < workers; i++) w.supervisor.startWorker(`worker-${i + 1}`);
    await waitForWorkers(w);
    w.emu.control.resetLog();
    const started = performance.now();
    const sent = await sendEvents(`http://127.0.0.1:${port}${CHAOS_WEBHOOK_PATH}`, plan.events, {
      concurrency: 8,
    });
    const completed = await pollUntil(
      async () => (await storedMetrics(w)) >= plan.activities && (await idle(w)),
      30 * 60_000,
    );
    const seconds = (performance.now() - started) / 1000;
    const reads = w.emu.control.requestLog({ kind: 'read' });
    const stravaCalls: Record<string, number> = {};
    for (const r of reads) {
      const kind = r.path.endsWith('/streams')
        ? 'streams'
        : /\/activities\/\d+$/.test(r.path)
          ? 'detail'
          : r.path;
      stravaCalls[kind] = (stravaCalls[kind] ?? 0) + 1;
    }
    return {
      athletes: athleteCount,
      activities: plan.activities,
      workers,
      workerConcurrency: Number(w.serviceEnv.WORKER_CONCURRENCY),
      seconds,
      activitiesPerS: plan.activities / seconds,
      stravaCallsPerActivity: reads.length / plan.activities,
      stravaCalls,
      webhookAcks: sent.acked,
      alertEmails: w.smtp.messages.length,
      completed,
    };
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await w.close();
  }
}

/** A worker process is up once it has registered its repeatable jobs (it then takes work at once). */
async function waitForWorkers(w: Awaited<ReturnType<typeof createChaosWorld>>): Promise<void> {
  const ok = await pollUntil(
    async () => (await w.deps.queues.queue('maintenance').getJobSchedulers()).length > 0,
    60_000,
  );
  if (!ok) throw new Error(`worker processes did not start:\n${w.supervisor.allOutput().slice(-2000)}`);
}

async function storedMetrics(w: Awaited<ReturnType<typeof createChaosWorld>>): Promise<number> {
  const { rows } = await w.deps.db.query<{ n: number }>('select count(*)::int as n from activity_metric');
  return rows[0]?.n ?? 0;
}

async function idle(w: Awaited<ReturnType<typeof createChaosWorld>>): Promise<boolean> {
  const b = await backlog(w.deps);
  return b.openInbox === 0 && b.jobs === 0;
}

export function formatPipelineBench(r: PipelineBenchResult): string {
  return [
    `end-to-end: ${r.activities} activities of ${r.athletes} athletes, ${r.workers} worker process(es) x concurrency ${r.workerConcurrency}`,
    `  ${r.activitiesPerS.toFixed(1)} activities/s (${r.seconds.toFixed(1)} s from first webhook to stored series and alert decisions)${r.completed ? '' : ' INCOMPLETE'}`,
    `  Strava API calls per activity: ${r.stravaCallsPerActivity.toFixed(2)} ${JSON.stringify(r.stravaCalls)}`,
    `  webhook acks ${r.webhookAcks}, alert emails delivered ${r.alertEmails}`,
  ].join('\n');
}

if (require.main === module) {
  void (async () => {
    await requireBenchPrerequisites();
    const r = await runPipelineBench();
    console.log(formatPipelineBench(r));
    process.exitCode = r.completed ? 0 : 1;
  })().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
