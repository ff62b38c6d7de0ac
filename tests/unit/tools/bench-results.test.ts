import type { BenchReport } from '../../../tools/bench/report';
import { resultsTable, toResults } from '../../../tools/bench/results';
import type { PipelineBenchResult } from '../../../tools/bench/pipeline';

const machine = {
  cpuModel: 'x',
  cores: 2,
  memoryGiB: 1,
  os: 'linux',
  node: 'v20',
  date: '2026-01-01',
  loadAverage1m: 0,
};
const skipped = { ok: false as const, error: 'skipped (BENCH_ONLY)' };

function pipeline(over: Partial<PipelineBenchResult> = {}): PipelineBenchResult {
  return {
    athletes: 5,
    activities: 300,
    workers: 1,
    workerConcurrency: 4,
    seconds: 14,
    activitiesPerS: 21,
    stravaCallsPerActivity: 2,
    stravaCalls: { detail: 300, streams: 300 },
    webhookAcks: 300,
    alertEmails: 0,
    completed: true,
    ...over,
  };
}

function report(p: PipelineBenchResult): BenchReport {
  return {
    machine,
    webhook: skipped,
    pipeline: { ok: true, result: p },
    engine: skipped,
    dashboard: skipped,
  };
}

const pipelineRow = (r: BenchReport) => toResults(r).find((x) => x.figure.startsWith('pipeline'))!;

describe('bench results (tools/bench/results.json)', () => {
  it('when the pipeline runs 21 activities/s, then its figure fails against the >= 50 target', () => {
    expect(pipelineRow(report(pipeline()))).toEqual({
      figure: expect.stringMatching(/^pipeline/),
      value: 21,
      unit: 'activities/s',
      target: '>= 50',
      pass: false,
    });
    expect(pipelineRow(report(pipeline({ activitiesPerS: 55 }))).pass).toBe(true);
  });

  it('when two worker processes share the run, then the figure is per worker process', () => {
    expect(pipelineRow(report(pipeline({ activitiesPerS: 60, workers: 2 })))).toMatchObject({
      value: 30,
      pass: false,
    });
  });

  it('when the pipeline did not complete, then it has no value and fails, however fast it looked', () => {
    expect(pipelineRow(report(pipeline({ activitiesPerS: 500, completed: false })))).toMatchObject({
      value: null,
      pass: false,
    });
  });

  it('when a bench was not run, then its figures are still listed, not measured, and fail', () => {
    const rows = toResults(report(pipeline({ activitiesPerS: 80 })));
    const others = rows.filter((x) => !x.figure.startsWith('pipeline') && !x.figure.startsWith('Strava'));
    expect(others.length).toBeGreaterThanOrEqual(5);
    for (const row of others) expect(row).toMatchObject({ value: null, pass: false });
    for (const row of rows) expect(row.target).toMatch(/^(<=|>=) \d/);
    expect(resultsTable(rows)).toMatch(/figure\s+value\s+target\s+verdict/);
  });
});
