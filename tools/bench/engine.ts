/**
 * Training-load engine bench: `npx tsx tools/bench/engine.ts` (npm run bench:engine).
 * Times every per-activity metric on a synthetic 3-hour 1 Hz activity with all streams (10,800 samples),
 * plus the per-muscle strain split (load + strain together must stay within 2 ms),
 * and five years of daily series recomputed from scratch. Medians of CPU time, plus the ratio to a baseline measured
 * in the same run (a plain loop summing the 10,800 samples) so the figures compare across machines.
 */
import type { ActivityInput, ActivityStreams } from '../../services/domain/activity';
import {
  addDays,
  buildDailySeries,
  cleanStreams,
  computeActivityLoad,
  gradeAdjustedSpeed,
  normalizedPower,
  observedMaxHrBpm,
  powerAtOneHz,
  resolvePhysiology,
  timeInHrZonesFromStream,
  trimpFromStream,
  type DailyLoadEntry,
} from '../../services/domain/load';
import { computeActivityStrain } from '../../services/domain/strain';

export const TARGET_ACTIVITY_MS = 2;
export const TARGET_SERIES_MS = 20;
const SAMPLES = 3 * 3600;

export interface BenchRow {
  name: string;
  medianUs: number;
  ratioToBaseline: number;
  iterations: number;
}

export interface EngineBenchResult {
  baseline: BenchRow;
  /** Per-activity cases; those with `inActivityBudget` add up to `activityTotalUs`. */
  perActivity: (BenchRow & { inActivityBudget: boolean })[];
  activityTotalUs: number;
  series: BenchRow;
  targets: { activityMs: number; seriesMs: number };
  pass: { activity: boolean; series: boolean };
}

interface BenchCase {
  name: string;
  run: () => unknown;
  /** Counted in the per-activity total that must stay under TARGET_ACTIVITY_MS. */
  inActivityBudget: boolean;
}

/** Deterministic pseudo-random numbers (LCG) so every run benches the same activity. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A 3-hour ride-like session with intervals, hills, a 2-minute pause and a few dropouts. */
export function syntheticStreams(): ActivityStreams {
  const rnd = lcg(42);
  const s = {
    timeS: [],
    heartrateBpm: [],
    powerW: [],
    velocityMps: [],
    altitudeM: [],
    gradePct: [],
    distanceM: [],
    cadenceRpm: [],
    moving: [],
  } as Required<ActivityStreams>;
  let distance = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const interval = Math.floor(i / 300) % 4 === 3;
    const grade = 6 * Math.sin(i / 400);
    const speed = Math.max(0, 3.2 + (interval ? 0.8 : 0) - grade * 0.05 + (rnd() - 0.5) * 0.3);
    distance += speed;
    s.timeS.push(i);
    s.heartrateBpm.push(
      i % 997 === 0 ? 0 : Math.round(135 + (interval ? 25 : 0) + 10 * Math.sin(i / 900) + (rnd() - 0.5) * 4),
    );
    s.powerW.push(Math.round(Math.max(0, 200 + (interval ? 120 : 0) + grade * 8 + (rnd() - 0.5) * 60)));
    s.velocityMps.push(speed);
    s.altitudeM.push(300 + 240 * (1 - Math.cos(i / 400)));
    s.gradePct.push(grade);
    s.distanceM.push(distance);
    s.cadenceRpm.push(85 + Math.round((rnd() - 0.5) * 6));
    s.moving.push(!(i >= 5400 && i < 5520));
  }
  return s;
}

/** Five years of daily entries: most days one activity, some two, some rest. */
export function fiveYearsOfEntries(): DailyLoadEntry[] {
  const rnd = lcg(7);
  const entries: DailyLoadEntry[] = [];
  for (let day = 0; day < 5 * 365 + 1; day++) {
    const localDate = addDays('2020-01-01', day)!;
    const r = rnd();
    if (r < 0.2) continue;
    entries.push({ localDate, load: Math.round(30 + rnd() * 150) });
    if (r > 0.9) entries.push({ localDate, load: Math.round(20 + rnd() * 60) });
  }
  return entries;
}

let sink = 0;
function consume(x: unknown): void {
  sink += x === null || x === undefined ? 0 : 1;
}

function cpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Median microseconds per call, over `batches` batches of `perBatch` calls after `warmup` untimed calls.
 * CPU time (user + system), not wall time: the bench machines are shared, and a descheduled process
 * would otherwise count other people's work.
 */
function medianUs(run: () => unknown, warmup: number, batches: number, perBatch: number): number {
  for (let i = 0; i < warmup; i++) consume(run());
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = cpuUs();
    for (let i = 0; i < perBatch; i++) consume(run());
    times.push((cpuUs() - start) / perBatch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function activityCases(): BenchCase[] {
  const streams = syntheticStreams();
  const physiology = resolvePhysiology(
    { hrMaxBpm: 188, hrRestBpm: 50, ftpW: 260, thresholdPaceSPerKm: 270, sex: 'female' },
    {},
    '2024-06-01',
  );
  const summary = {
    startDate: '2024-06-01T05:00:00Z',
    startDateLocal: '2024-06-01T07:00:00',
    movingTimeS: SAMPLES - 120,
    elapsedTimeS: SAMPLES,
    distanceM: 35_000,
    totalElevationGainM: 900,
    deviceWatts: true,
    averageHeartrateBpm: 145,
  };
  const ride: ActivityInput = { summary: { ...summary, sportType: 'Ride' }, streams };
  const trail: ActivityInput = { summary: { ...summary, sportType: 'TrailRun' }, streams };
  const cleaned = cleanStreams(streams, 'TrailRun');
  const hr = { hrMaxBpm: 188, hrRestBpm: 50, lthrBpm: 167, sex: 'female' as const };
  return [
    {
      name: 'cleanStreams (all 9 streams)',
      run: () => cleanStreams(streams, 'TrailRun'),
      inActivityBudget: false,
    },
    { name: 'TRIMP / HRSS (stream)', run: () => trimpFromStream(cleaned, hr), inActivityBudget: false },
    {
      name: 'time in HR zones',
      run: () => timeInHrZonesFromStream(cleaned, physiology.hrZones.value),
      inActivityBudget: false,
    },
    {
      name: 'NP (1 Hz resample + rolling)',
      run: () => normalizedPower(powerAtOneHz(cleaned)!.watts),
      inActivityBudget: false,
    },
    { name: 'grade-adjusted speed', run: () => gradeAdjustedSpeed(cleaned), inActivityBudget: false },
    { name: 'observed max HR', run: () => observedMaxHrBpm(cleaned), inActivityBudget: false },
    {
      name: 'computeActivityLoad (Ride, all metrics)',
      run: () => computeActivityLoad(ride, physiology),
      inActivityBudget: false,
    },
    {
      name: 'computeActivityLoad (TrailRun, all metrics)',
      run: () => computeActivityLoad(trail, physiology),
      inActivityBudget: true,
    },
    {
      name: 'per-muscle strain (TrailRun, grade stream)',
      run: () => computeActivityStrain(trail, 250),
      inActivityBudget: true,
    },
  ];
}

/** Runs the bench and returns the figures; `npm run bench` aggregates this. */
// eslint-disable-next-line @typescript-eslint/require-await -- async so the aggregate runner can await every bench alike
export async function runEngineBench(): Promise<EngineBenchResult> {
  const samples = syntheticStreams().heartrateBpm!;
  const baselineUs = medianUs(
    () => {
      let sum = 0;
      for (let i = 0; i < samples.length; i++) sum += samples[i]!;
      return sum;
    },
    500,
    15,
    2000,
  );
  const row = (name: string, us: number, iterations: number): BenchRow => ({
    name,
    medianUs: us,
    ratioToBaseline: us / baselineUs,
    iterations,
  });
  const perActivity = activityCases().map((c) => ({
    ...row(c.name, medianUs(c.run, 50, 15, 20), 300),
    inActivityBudget: c.inActivityBudget,
  }));
  const entries = fiveYearsOfEntries();
  const seriesUs = medianUs(() => buildDailySeries(entries, { lastDate: '2024-12-31' }), 20, 15, 10);
  const activityTotalUs = perActivity
    .filter((r) => r.inActivityBudget)
    .reduce((sum, r) => sum + r.medianUs, 0);
  return {
    baseline: row('baseline: sum 10,800 samples', baselineUs, 30_000),
    perActivity,
    activityTotalUs,
    series: row('daily series, 5 years from scratch', seriesUs, 150),
    targets: { activityMs: TARGET_ACTIVITY_MS, seriesMs: TARGET_SERIES_MS },
    pass: {
      activity: activityTotalUs <= TARGET_ACTIVITY_MS * 1000,
      series: seriesUs <= TARGET_SERIES_MS * 1000,
    },
  };
}

export function formatEngineBench(r: EngineBenchResult): string {
  const line = (name: string, value: string, ratio: number) =>
    `${name.padEnd(46)} ${value.padStart(12)} ${ratio.toFixed(1).padStart(9)}x`;
  return [
    `${'case'.padEnd(46)} ${'median'.padStart(12)} ${'vs base'.padStart(10)}`,
    line(r.baseline.name, `${r.baseline.medianUs.toFixed(1)} us`, 1),
    ...r.perActivity.map((c) => line(c.name, `${c.medianUs.toFixed(1)} us`, c.ratioToBaseline)),
    line(r.series.name, `${(r.series.medianUs / 1000).toFixed(3)} ms`, r.series.ratioToBaseline),
    '',
    `per activity (budgeted cases): ${(r.activityTotalUs / 1000).toFixed(3)} ms, target <= ${r.targets.activityMs} ms: ${r.pass.activity ? 'PASS' : 'FAIL'}`,
    `series (5 years from scratch): ${(r.series.medianUs / 1000).toFixed(3)} ms, target <= ${r.targets.seriesMs} ms: ${r.pass.series ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

if (require.main === module) {
  runEngineBench()
    .then((result) => {
      console.log(formatEngineBench(result));
      if (sink < 0) console.log(sink); // keeps the results observable so nothing is optimised away
      if (!result.pass.activity || !result.pass.series) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
