/**
 * Writes the bench results as tools/bench/reports/latest.json (everything, machine-readable) and
 * tools/bench/reports/latest.md (the tables the README shows), each with the machine they came from: figures
 * are only comparable on the same machine in the same run (reliability.md section 10).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DashboardBenchResult } from './dashboard';
import type { EngineBenchResult } from './engine';
import type { PipelineBenchResult } from './pipeline';
import type { WebhookBenchResult } from './webhook';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  /** 1-minute load average when the run started: above ~the core count, other work skewed the figures. */
  loadAverage1m: number;
}

/** Each bench's result, or why it did not produce one (the other benches still report). */
export type Outcome<T> = { ok: true; result: T } | { ok: false; error: string };

export interface BenchReport {
  machine: MachineInfo;
  webhook: Outcome<WebhookBenchResult>;
  pipeline: Outcome<PipelineBenchResult>;
  engine: Outcome<EngineBenchResult>;
  dashboard: Outcome<DashboardBenchResult>;
}

export function machineInfo(now = new Date()): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: now.toISOString(),
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

const n = (x: number, digits = 1) => x.toFixed(digits);
const failed = (name: string, o: { ok: false; error: string }) => [
  `### ${name}`,
  '',
  `Not measured: ${o.error}`,
  '',
];

function webhookSection(o: Outcome<WebhookBenchResult>): string[] {
  if (!o.ok) return failed('Webhook ingestion', o);
  const r = o.result;
  const row = (x: WebhookBenchResult['app']) =>
    `| ${x.name} | ${n(x.requestsPerS, 0)} | ${x.p50Ms} | ${x.p99Ms} | ${x.maxMs} | ${x.non2xx} | ${x.errors} |`;
  return [
    '### Webhook ingestion (fixed 300 requests/s, then saturation; unique events; web in-process, no worker)',
    '',
    '| handler | req/s | p50 ms | p99 ms | max ms | non-2xx | errors |',
    '|---|---|---|---|---|---|---|',
    row(r.bare),
    row(r.app),
    row(r.bareSaturated),
    row(r.appSaturated),
    '',
    `p99 ratio Kneadwise / bare Express: **${n(r.p99Ratio, 2)}x**; target p99 <= ${r.targetP99Ms} ms: ${r.pass ? 'PASS' : 'FAIL'}`,
    '',
    `Throughput at saturation, Kneadwise / bare Express: **${n(r.throughputRatio, 2)}x** (target >= 0.5x).`,
    '',
  ];
}

function pipelineSection(o: Outcome<PipelineBenchResult>): string[] {
  if (!o.ok) return failed('End-to-end pipeline', o);
  const r = o.result;
  return [
    '### End-to-end pipeline (emulator at zero latency)',
    '',
    `${r.activities} activities of ${r.athletes} athletes, ${r.workers} worker process(es) x concurrency ${r.workerConcurrency}: ` +
      `**${n(r.activitiesPerS)} activities/s** from the first webhook to stored metrics, daily series and alert decisions (${n(r.seconds)} s)${r.completed ? '' : ' — INCOMPLETE: the run did not finish'}.`,
    '',
    `Strava API calls per activity: **${n(r.stravaCallsPerActivity, 2)}** (${Object.entries(r.stravaCalls)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}).`,
    '',
  ];
}

function engineSection(o: Outcome<EngineBenchResult>): string[] {
  if (!o.ok) return failed('Engine', o);
  const r = o.result;
  return [
    '### Engine per-activity cost (3 h activity, 10,800 samples at 1 Hz; median CPU time)',
    '',
    '| case | median | x baseline |',
    '|---|---|---|',
    `| ${r.baseline.name} | ${n(r.baseline.medianUs)} us | 1.0 |`,
    ...r.perActivity.map((c) => `| ${c.name} | ${n(c.medianUs)} us | ${n(c.ratioToBaseline)} |`),
    `| ${r.series.name} | ${n(r.series.medianUs / 1000, 3)} ms | ${n(r.series.ratioToBaseline)} |`,
    '',
    `Per activity (load + strain): **${n(r.activityTotalUs / 1000, 3)} ms** (target <= ${r.targets.activityMs} ms: ${r.pass.activity ? 'PASS' : 'FAIL'}); ` +
      `5-year series: ${n(r.series.medianUs / 1000, 3)} ms (target <= ${r.targets.seriesMs} ms: ${r.pass.series ? 'PASS' : 'FAIL'}).`,
    '',
  ];
}

function dashboardSection(o: Outcome<DashboardBenchResult>): string[] {
  if (!o.ok) return failed('Dashboard latency', o);
  const r = o.result;
  return [
    `### Dashboard latency (sequential requests; ${r.seededActivities} seeded activities)`,
    '',
    '| endpoint | p50 ms | p95 ms | x /healthz |',
    '|---|---|---|---|',
    ...r.rows.map(
      (x) => `| ${x.name} (\`${x.path}\`) | ${n(x.p50Ms)} | ${n(x.p95Ms)} | ${n(x.ratioToHealthz)} |`,
    ),
    '',
    `Target p95 <= 50 ms for the overview and athlete API: ${r.pass ? 'PASS' : 'FAIL'}`,
    '',
  ];
}

export function toMarkdown(r: BenchReport): string {
  const m = r.machine;
  return [
    `## Latest benchmark (${m.date.slice(0, 10)})`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}; measured ${m.date}` +
      (m.loadAverage1m === undefined
        ? '.'
        : `, load average ${m.loadAverage1m} at the start${m.loadAverage1m > m.cores ? ' (busy: other work skewed these figures)' : ''}.`),
    'PostgreSQL and Redis on the same machine; figures compare only within one run on one machine.',
    '',
    ...webhookSection(r.webhook),
    ...pipelineSection(r.pipeline),
    ...engineSection(r.engine),
    ...dashboardSection(r.dashboard),
  ].join('\n');
}

/** Writes latest.json and latest.md under `dir` (default tools/bench/reports); returns their paths. */
export function writeReport(
  r: BenchReport,
  dir = path.join(__dirname, 'reports'),
): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'latest.json');
  const md = path.join(dir, 'latest.md');
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(md, `${toMarkdown(r)}\n`);
  return { json, md };
}
