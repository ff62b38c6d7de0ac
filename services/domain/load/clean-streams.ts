/**
 * Stream cleaning: turns raw Strava streams into aligned, moving-only samples with a credited duration
 * each, and counts every problem it fixed. Never throws; garbage in gives fewer valid samples, not errors.
 */
import type { ActivityStreams } from '../activity';
import { FOOT_SPORTS, MINETTI_GRADE_LIMIT } from './constants';
import type { CleaningKind, CleaningReport } from './types';

/** Limits: outside these a sample is an artefact, not physiology. */
export const HR_MIN_BPM = 25;
export const HR_MAX_BPM = 250;
/** A single sample this far above (or below) both neighbours is an optical/strap spike. */
export const HR_SPIKE_BPM = 25;
export const POWER_MAX_W = 2500;
/** Absurd speeds: faster than any human on foot / on a bike. */
export const FOOT_SPEED_MAX_MPS = 12;
export const OTHER_SPEED_MAX_MPS = 40;
/** A time step longer than this is a recording gap; the sample is credited NOMINAL_SAMPLE_S only. */
export const MAX_SAMPLE_GAP_S = 10;
export const NOMINAL_SAMPLE_S = 1;

/** Moving, time-ordered samples; invalid values are NaN in their channel. */
export interface CleanedStreams {
  length: number;
  /** Seconds credited to each kept sample (1 at 1 Hz; gaps and the first sample count 1). */
  dtS: Float64Array;
  hrBpm: Float64Array | null;
  powerW: Float64Array | null;
  speedMps: Float64Array | null;
  /** Grade as a fraction (0.1 = 10 %), clamped to the Minetti range. */
  gradeFrac: Float64Array | null;
  movingTimeS: number;
  report: CleaningReport;
}

const CHANNELS = ['timeS', 'heartrateBpm', 'powerW', 'velocityMps', 'gradePct', 'moving'] as const;

function emptyCounts(): Record<CleaningKind, number> {
  return {
    lengthMismatch: 0,
    timeInvalid: 0,
    timeBackwards: 0,
    sensorGap: 0,
    paused: 0,
    hrZero: 0,
    hrNonFinite: 0,
    hrOutOfRange: 0,
    hrSpike: 0,
    powerNonFinite: 0,
    powerNegative: 0,
    powerAbsurd: 0,
    speedInvalid: 0,
    gradeInvalid: 0,
    gradeClamped: 0,
  };
}

function arrayOf(streams: ActivityStreams, key: (typeof CHANNELS)[number]): unknown[] | null {
  const value: unknown = streams[key];
  return Array.isArray(value) && value.length > 0 ? (value as unknown[]) : null;
}

interface Selection {
  index: Int32Array;
  dtS: Float64Array;
  length: number;
}

/** Keeps samples whose time moves forward and that are not paused; credits each its time step. */
function selectSamples(streams: ActivityStreams, n: number, counts: Record<CleaningKind, number>): Selection {
  const time = arrayOf(streams, 'timeS');
  const moving = arrayOf(streams, 'moving');
  const index = new Int32Array(n);
  const dtS = new Float64Array(n);
  let kept = 0;
  let lastT = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = time ? time[i] : i;
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      counts.timeInvalid++;
      continue;
    }
    if (t <= lastT) {
      counts.timeBackwards++;
      continue;
    }
    let dt = lastT === Number.NEGATIVE_INFINITY ? NOMINAL_SAMPLE_S : t - lastT;
    if (dt > MAX_SAMPLE_GAP_S) {
      counts.sensorGap++;
      dt = NOMINAL_SAMPLE_S;
    }
    lastT = t;
    if (moving && moving[i] === false) {
      counts.paused++;
      continue;
    }
    index[kept] = i;
    dtS[kept] = dt;
    kept++;
  }
  return { index, dtS: dtS.subarray(0, kept), length: kept };
}

function cleanHr(raw: unknown[], sel: Selection, counts: Record<CleaningKind, number>): Float64Array {
  const out = new Float64Array(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    if (typeof v !== 'number' || !Number.isFinite(v)) counts.hrNonFinite++;
    else if (v === 0) counts.hrZero++;
    else if (v < HR_MIN_BPM || v > HR_MAX_BPM) counts.hrOutOfRange++;
    else {
      out[k] = v;
      continue;
    }
    out[k] = Number.NaN;
  }
  removeHrSpikes(out, counts);
  return out;
}

/** Isolated one-sample spikes: far from both neighbours in the same direction. Sustained changes stay. */
function removeHrSpikes(hr: Float64Array, counts: Record<CleaningKind, number>): void {
  let prev = hr[0]!;
  for (let k = 1; k < hr.length - 1; k++) {
    const cur = hr[k]!;
    const next = hr[k + 1]!;
    const up = cur - prev > HR_SPIKE_BPM && cur - next > HR_SPIKE_BPM;
    const down = prev - cur > HR_SPIKE_BPM && next - cur > HR_SPIKE_BPM;
    prev = cur;
    if (up || down) {
      hr[k] = Number.NaN;
      counts.hrSpike++;
    }
  }
}

function cleanPower(raw: unknown[], sel: Selection, counts: Record<CleaningKind, number>): Float64Array {
  const out = new Float64Array(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    if (typeof v !== 'number' || !Number.isFinite(v)) counts.powerNonFinite++;
    else if (v < 0) counts.powerNegative++;
    else if (v > POWER_MAX_W) counts.powerAbsurd++;
    else {
      out[k] = v;
      continue;
    }
    out[k] = Number.NaN;
  }
  return out;
}

function cleanSpeed(raw: unknown[], sel: Selection, maxMps: number, counts: Record<CleaningKind, number>) {
  const out = new Float64Array(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    const ok = typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= maxMps;
    if (!ok) counts.speedInvalid++;
    out[k] = ok ? v : Number.NaN;
  }
  return out;
}

function cleanGrade(raw: unknown[], sel: Selection, counts: Record<CleaningKind, number>): Float64Array {
  const out = new Float64Array(sel.length);
  for (let k = 0; k < sel.length; k++) {
    const v = raw[sel.index[k]!];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      counts.gradeInvalid++;
      out[k] = Number.NaN;
      continue;
    }
    const frac = v / 100;
    if (Math.abs(frac) > MINETTI_GRADE_LIMIT) counts.gradeClamped++;
    out[k] = Math.max(-MINETTI_GRADE_LIMIT, Math.min(MINETTI_GRADE_LIMIT, frac));
  }
  return out;
}

/** Shortest common length; records the lengths when they disagree. */
function commonLength(streams: ActivityStreams, report: CleaningReport): number {
  const lengths: Record<string, number> = {};
  for (const key of CHANNELS) {
    const arr = arrayOf(streams, key);
    if (arr) lengths[key] = arr.length;
  }
  const values = Object.values(lengths);
  if (values.length === 0) return 0;
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min !== max) {
    report.streamLengths = lengths;
    report.counts.lengthMismatch = max - min;
  }
  return min;
}

/**
 * Cleans an activity's streams. Order: align lengths (truncate to the shortest), drop samples whose time
 * does not move forward, credit gaps > 10 s as one sample, drop paused samples (`moving` false), then
 * invalidate implausible values per channel (NaN) and isolated HR spikes. Counts go to `report.counts`.
 */
export function cleanStreams(streams: ActivityStreams, sportType: string): CleanedStreams {
  const report: CleaningReport = {
    inputSamples: 0,
    keptSamples: 0,
    assumedOneHz: arrayOf(streams, 'timeS') === null,
    streamLengths: null,
    counts: emptyCounts(),
  };
  const n = commonLength(streams, report);
  report.inputSamples = n;
  const sel = selectSamples(streams, n, report.counts);
  report.keptSamples = sel.length;
  const hr = arrayOf(streams, 'heartrateBpm');
  const power = arrayOf(streams, 'powerW');
  const speed = arrayOf(streams, 'velocityMps');
  const grade = arrayOf(streams, 'gradePct');
  const maxSpeed = FOOT_SPORTS.has(sportType) ? FOOT_SPEED_MAX_MPS : OTHER_SPEED_MAX_MPS;
  let movingTimeS = 0;
  for (let k = 0; k < sel.length; k++) movingTimeS += sel.dtS[k]!;
  return {
    length: sel.length,
    dtS: sel.dtS,
    hrBpm: hr ? cleanHr(hr, sel, report.counts) : null,
    powerW: power ? cleanPower(power, sel, report.counts) : null,
    speedMps: speed ? cleanSpeed(speed, sel, maxSpeed, report.counts) : null,
    gradeFrac: grade ? cleanGrade(grade, sel, report.counts) : null,
    movingTimeS,
    report,
  };
}
