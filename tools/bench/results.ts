/**
 * The bench's verdicts: every figure with its target, written as tools/bench/results.json
 * (`[{ figure, value, unit, target, pass }]`) and printed as one table. `pass` is never set by a bench:
 * it is computed here from the value and the target, so a figure cannot report a verdict its number does
 * not support, and a figure without a target cannot be written at all (it would be a number, not a result).
 * A bench that failed still yields its figures, with value null and pass false.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TARGET_P95_MS } from './dashboard';
import { TARGET_ACTIVITY_MS, TARGET_SERIES_MS } from './engine';
import type { BenchReport, Outcome } from './report';
import { TARGET_P99_MS } from './webhook';

export const TARGET_PIPELINE_PER_S = 50;
export const TARGET_THROUGHPUT_RATIO = 0.5;
export const TARGET_STRAVA_CALLS_PER_ACTIVITY = 2;

export interface Target {
  op: '<=' | '>=';
  limit: number;
}

export interface BenchResult {
  figure: string;
  value: number | null;
  unit: string;
  target: string;
  pass: boolean;
}

interface FigureSpec<T> {
  figure: string;
  unit: string;
  target: Target;
  /** The measured value; null when the run did not produce one (e.g. it did not complete). */
  value: (r: T) => number | null;
}

export function meets(value: number | null, t: Target): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  return t.op === '<=' ? value <= t.limit : value >= t.limit;
}

function judge<T>(outcome: Outcome<T>, specs: FigureSpec<T>[]): BenchResult[] {
  return specs.map((s) => {
    const value = outcome.ok ? s.value(outcome.result) : null;
    const figure = outcome.ok ? s.figure : `${s.figure} (not measured: ${outcome.error})`;
    const rounded = value === null ? null : Math.round(value * 1000) / 1000;
    return {
      figure,
      value: rounded,
      unit: s.unit,
      target: `${s.target.op} ${s.target.limit}`,
      pass: meets(value, s.target),
    };
  });
}

const atMost = (limit: number): Target => ({ op: '<=', limit });
const atLeast = (limit: number): Target => ({ op: '>=', limit });

export function toResults(r: BenchReport): BenchResult[] {
  return [
    ...judge(r.webhook, [
      {
        figure: 'webhook ack throughput vs bare Express, same run, at saturation (in-process web)',
        unit: 'x',
        target: atLeast(TARGET_THROUGHPUT_RATIO),
        value: (w) => (w.appSaturated.non2xx + w.appSaturated.errors > 0 ? null : w.throughputRatio),
      },
      {
        figure: 'webhook ack p99 at 300 events/s (in-process web)',
        unit: 'ms',
        target: atMost(TARGET_P99_MS),
        value: (w) => (w.app.non2xx + w.app.errors > 0 ? null : w.app.p99Ms),
      },
    ]),
    ...judge(r.pipeline, [
      {
        figure: 'pipeline: webhook -> computed series -> alert decision, per worker process',
        unit: 'activities/s',
        target: atLeast(TARGET_PIPELINE_PER_S),
        value: (p) => (p.completed ? p.activitiesPerS / p.workers : null),
      },
      {
        figure: 'Strava calls per new activity',
        unit: 'calls',
        target: atMost(TARGET_STRAVA_CALLS_PER_ACTIVITY),
        value: (p) => (p.completed ? p.stravaCallsPerActivity : null),
      },
    ]),
    ...judge(r.engine, [
      {
        figure: 'engine: load + strain of one 3-h activity (budgeted cases)',
        unit: 'ms',
        target: atMost(TARGET_ACTIVITY_MS),
        value: (e) => e.activityTotalUs / 1000,
      },
      {
        figure: 'engine: 5 years of daily series from scratch',
        unit: 'ms',
        target: atMost(TARGET_SERIES_MS),
        value: (e) => e.series.medianUs / 1000,
      },
    ]),
    ...dashboardResults(r.dashboard),
  ];
}

/** The dashboard rows with a target (the /healthz baseline and the HTML shells have none). */
function dashboardResults(o: BenchReport['dashboard']): BenchResult[] {
  if (!o.ok)
    return judge(o, [
      { figure: 'dashboard API p95', unit: 'ms', target: atMost(TARGET_P95_MS), value: () => null },
    ]);
  return judge(
    o,
    o.result.rows
      .filter((row) => row.target)
      .map((row) => ({
        figure: `dashboard p95: ${row.name}`,
        unit: 'ms',
        target: atMost(TARGET_P95_MS),
        value: () => row.p95Ms,
      })),
  );
}

export function resultsTable(results: BenchResult[]): string {
  const cells = results.map((x) => [
    x.figure,
    x.value === null ? '-' : `${x.value} ${x.unit}`,
    `${x.target} ${x.unit}`,
    x.pass ? 'PASS' : 'FAIL',
  ]);
  const head = ['figure', 'value', 'target', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function writeResults(results: BenchResult[], file = path.join(__dirname, 'results.json')): string {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
