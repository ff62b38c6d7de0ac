/**
 * Grade cleaning for the strain split. Order of trust: Strava's `grade_smooth` stream, then grade derived from
 * altitude and distance (smoothed), then the summary's average gradient. Each step records what it did in notes.
 */
import type { ActivityStreams, ActivitySummary } from '../activity';
import type { StrainNote } from './notes';

/** Steeper than this (percent) is treated as a sensor artefact: no run/hike path is steeper for long. */
export const MAX_PLAUSIBLE_GRADE_PCT = 50;
/** A stream with more than this fraction of missing/absurd samples is not trusted. */
const MAX_BAD_FRACTION = 0.2;
/** grade_smooth changes slowly; a mean jump above this (percentage points per sample) means noise. */
const MAX_MEAN_GRADE_STEP_PCT = 3;
/** 5 m of altitude per sample (1 Hz) is 18 km/h vertical: a barometer/GPS jump, not terrain. */
const MAX_ALTITUDE_STEP_M = 5;
const MAX_ALTITUDE_JUMP_FRACTION = 0.05;
/** Altitude-derived grade uses the rise over ±50 m of distance, which averages out ~2 m altitude noise. */
const GRADE_HALF_BASE_M = 50;
const SMOOTH_WINDOW_SAMPLES = 15;

export type GradeSource = 'stream' | 'altitude' | 'summary' | 'none';

/** Returns the stream when it is an array with at least n entries, else null. */
export function usableStream<T>(stream: readonly T[] | undefined | null, n: number): readonly T[] | null {
  return Array.isArray(stream) && stream.length >= n && n > 0 ? stream : null;
}

/** Linear interpolation over NaN gaps; ends carry the nearest value. Returns false when nothing is valid. */
function fillGaps(values: Float64Array): boolean {
  let prev = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) continue;
    const v = values[i]!;
    const from = prev < 0 ? 0 : prev + 1;
    const start = prev < 0 ? v : values[prev]!;
    for (let j = from; j < i; j++) values[j] = start + ((v - start) * (j - prev)) / (i - prev);
    prev = i;
  }
  if (prev < 0) return false;
  for (let j = prev + 1; j < values.length; j++) values[j] = values[prev]!;
  return true;
}

/** Copies a numeric stream; non-finite and out-of-range values become NaN. Returns the copy and the bad count. */
function toCleanArray(
  raw: readonly unknown[],
  n: number,
  maxAbs: number,
): { values: Float64Array; bad: number } {
  const values = new Float64Array(n);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= maxAbs) values[i] = v;
    else {
      values[i] = NaN;
      bad++;
    }
  }
  return { values, bad };
}

function fromGradeStream(raw: readonly unknown[], n: number, notes: StrainNote[]): Float64Array | null {
  const values = new Float64Array(n);
  let missing = 0;
  let absurd = 0;
  let stepSumPct = 0;
  let steps = 0;
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) missing++;
    else if (Math.abs(v) > MAX_PLAUSIBLE_GRADE_PCT) absurd++;
    else {
      values[i] = v;
      if (!Number.isNaN(prev)) {
        stepSumPct += Math.abs(v - prev);
        steps++;
      }
      prev = v;
      continue;
    }
    values[i] = NaN;
    prev = NaN;
  }
  const bad = missing + absurd;
  const jumpy = steps > 0 && stepSumPct / steps > MAX_MEAN_GRADE_STEP_PCT;
  if (bad > n * MAX_BAD_FRACTION || jumpy || (bad > 0 && !fillGaps(values))) {
    notes.push({ code: 'grade-stream-noisy', count: bad });
    return null;
  }
  if (absurd > 0) notes.push({ code: 'absurd-grade-dropped', count: absurd });
  if (missing > 0) notes.push({ code: 'grade-gaps-filled', count: missing });
  return values;
}

/** Cumulative distance from the distance stream, else integrated from velocity and time. */
function distanceSeries(streams: ActivityStreams, n: number): Float64Array | null {
  const dist = usableStream(streams.distanceM, n);
  if (dist) {
    const { values, bad } = toCleanArray(dist, n, Infinity);
    return bad <= n * MAX_BAD_FRACTION && (bad === 0 || fillGaps(values)) ? values : null;
  }
  const speed = usableStream(streams.velocityMps, n);
  const time = usableStream(streams.timeS, n);
  if (!speed || !time) return null;
  const out = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const dt = Number(time[i]) - Number(time[i - 1]);
    const v = Number(speed[i]);
    const step = Number.isFinite(dt) && dt > 0 && Number.isFinite(v) && v > 0 ? v * Math.min(dt, 30) : 0;
    out[i] = out[i - 1]! + step;
  }
  return out;
}

/** Centred moving average over `window` samples via prefix sums (O(n)). */
function smooth(values: Float64Array, window: number): Float64Array {
  const n = values.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + values[i]!;
  const half = Math.floor(window / 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i + half + 1);
    out[i] = (prefix[hi]! - prefix[lo]!) / (hi - lo);
  }
  return out;
}

function fromAltitude(streams: ActivityStreams, n: number, notes: StrainNote[]): Float64Array | null {
  const rawAlt = usableStream(streams.altitudeM, n);
  const dist = rawAlt ? distanceSeries(streams, n) : null;
  if (!rawAlt || !dist) return null;
  const { values: alt, bad } = toCleanArray(rawAlt, n, 20_000);
  let jumps = 0;
  for (let i = 1; i < n; i++) if (Math.abs(alt[i]! - alt[i - 1]!) > MAX_ALTITUDE_STEP_M) jumps++;
  if (bad > n * MAX_BAD_FRACTION || jumps > n * MAX_ALTITUDE_JUMP_FRACTION || !fillGaps(alt)) {
    notes.push({ code: 'altitude-noisy', count: bad + jumps });
    return null;
  }
  const grade = new Float64Array(n);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    while (lo < i && dist[i]! - dist[lo + 1]! >= GRADE_HALF_BASE_M) lo++;
    while (hi < n - 1 && dist[hi]! - dist[i]! < GRADE_HALF_BASE_M) hi++;
    const run = dist[hi]! - dist[lo]!;
    grade[i] = run >= GRADE_HALF_BASE_M ? (100 * (alt[hi]! - alt[lo]!)) / run : NaN;
  }
  let absurd = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs(grade[i]!) > MAX_PLAUSIBLE_GRADE_PCT) {
      grade[i] = NaN;
      absurd++;
    }
  }
  if (absurd > n * MAX_BAD_FRACTION || !fillGaps(grade)) {
    notes.push({ code: 'altitude-noisy', count: absurd });
    return null;
  }
  if (absurd > 0) notes.push({ code: 'absurd-grade-dropped', count: absurd });
  notes.push({ code: 'grade-from-altitude' });
  return smooth(grade, SMOOTH_WINDOW_SAMPLES);
}

/**
 * Per-sample grade in percent (n samples), or null when neither the grade stream nor altitude+distance can be
 * trusted (the caller then falls back to the summary). Never throws; pushes what it did onto `notes`.
 */
export function cleanGradeSeries(
  streams: ActivityStreams,
  n: number,
  notes: StrainNote[],
): { gradePct: Float64Array; source: GradeSource } | null {
  const rawGrade = usableStream(streams.gradePct, n);
  if (!rawGrade) notes.push({ code: 'grade-stream-missing' });
  const fromStream = rawGrade ? fromGradeStream(rawGrade, n, notes) : null;
  if (fromStream) return { gradePct: fromStream, source: 'stream' };
  const derived = fromAltitude(streams, n, notes);
  return derived ? { gradePct: derived, source: 'altitude' } : null;
}

/**
 * Average gradient from the summary, percent: elevation gain / distance (training-science §4.2). Strava gives
 * gain only, so the activity is assumed to be a loop (as much descent as ascent). Null when unusable.
 */
export function summaryGradePct(summary: ActivitySummary, notes: StrainNote[]): number | null {
  const gainM = Number(summary.totalElevationGainM);
  const distanceM = Number(summary.distanceM);
  if (!(Number.isFinite(gainM) && gainM >= 0 && Number.isFinite(distanceM) && distanceM > 0)) {
    notes.push({ code: 'summary-grade-unavailable' });
    return null;
  }
  const gradePct = (100 * gainM) / distanceM;
  notes.push({ code: 'grade-from-summary' });
  if (gradePct > MAX_PLAUSIBLE_GRADE_PCT) {
    notes.push({ code: 'summary-gradient-clamped' });
    return MAX_PLAUSIBLE_GRADE_PCT;
  }
  return gradePct;
}
