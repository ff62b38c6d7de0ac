/**
 * `npm run bench`: checks PostgreSQL and Redis first (exit 1 with what is missing and how to start it),
 * then runs every bench one after another (never in parallel: they would measure each other), prints one
 * table (figure, value, target, verdict) and writes it as tools/bench/results.json (results.ts), plus
 * tools/bench/reports/latest.md and latest.json with the details and the machine they ran on. A bench that
 * fails, or is left out by BENCH_ONLY, reports its figures as not measured (FAIL); the others still run.
 * Exit code 1 when any figure fails.
 *
 * Env: BENCH_ONLY=webhook,pipeline,engine,dashboard (subset), BENCH_WEBHOOK_S (webhook, 10 s per run),
 * BENCH_ACTIVITIES (pipeline, 300), BENCH_WORKERS (pipeline, 1), BENCH_REQUESTS (dashboard, 200).
 */
import { runDashboardBench } from './dashboard';
import { formatEngineBench, runEngineBench } from './engine';
import { formatPipelineBench, runPipelineBench } from './pipeline';
import { requireBenchPrerequisites } from './prerequisites';
import { machineInfo, toMarkdown, writeReport, type BenchReport, type Outcome } from './report';
import { resultsTable, toResults, writeResults } from './results';
import { runWebhookBench } from './webhook';

const ALL = ['webhook', 'pipeline', 'engine', 'dashboard'] as const;
type BenchName = (typeof ALL)[number];

function selected(): Set<BenchName> {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!only?.length) return new Set(ALL);
  const unknown = only.filter((s) => !(ALL as readonly string[]).includes(s));
  if (unknown.length) {
    process.stderr.write(
      `BENCH_ONLY names unknown benches: ${unknown.join(', ')} (known: ${ALL.join(', ')})\n`,
    );
    process.exit(1);
  }
  return new Set(only as BenchName[]);
}

async function attempt<T>(name: BenchName, want: Set<BenchName>, run: () => Promise<T>): Promise<Outcome<T>> {
  if (!want.has(name)) return { ok: false, error: 'skipped (BENCH_ONLY)' };
  process.stdout.write(`\n== ${name} ==\n`);
  const started = Date.now();
  try {
    const result = await run();
    process.stdout.write(`${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    return { ok: true, result };
  } catch (err) {
    const error = (err as Error).message || String(err);
    process.stdout.write(`${name} FAILED: ${error}\n`);
    return { ok: false, error };
  }
}

async function main(): Promise<void> {
  await requireBenchPrerequisites();
  const want = selected();
  const report: BenchReport = {
    machine: machineInfo(),
    webhook: await attempt('webhook', want, () => runWebhookBench()),
    pipeline: await attempt('pipeline', want, async () => {
      const r = await runPipelineBench();
      process.stdout.write(`${formatPipelineBench(r)}\n`);
      return r;
    }),
    engine: await attempt('engine', want, async () => {
      const r = await runEngineBench();
      process.stdout.write(`${formatEngineBench(r)}\n`);
      return r;
    }),
    dashboard: await attempt('dashboard', want, () => runDashboardBench()),
  };
  const files = writeReport(report);
  const results = toResults(report);
  const resultsFile = writeResults(results);
  process.stdout.write(`\n${toMarkdown(report)}\n\n${resultsTable(results)}\n`);
  process.stdout.write(`\nWrote ${resultsFile}, ${files.md} and ${files.json}\n`);
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
