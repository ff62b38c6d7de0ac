/**
 * How much of the activity's load each sample carries. The caller may pass per-sample load contributions (e.g.
 * HR-based); otherwise moving duration, scaled for foot sports by the Minetti 2002 energy-cost ratio so a steep
 * climb counts for more than the same seconds on the flat.
 */
import type { ActivityStreams } from '../activity';
import type { Gait } from './coefficients';
import { usableStream } from './grade';
import type { StrainNote } from './notes';

/** Longer gaps between samples are pauses the `moving` stream did not flag. */
const MAX_SAMPLE_GAP_S = 30;
/** Minetti's polynomials were fitted on -45 % ... +45 %. */
const MINETTI_LIMIT = 0.45;

/** Minetti et al. 2002 polynomials, highest power first: Cr(i) running, Cw(i) walking, J/kg/m. */
const MINETTI_COEFFICIENTS = {
  run: [155.4, -30.4, -43.3, 46.3, 19.5, 3.6],
  walk: [280.5, -58.7, -76.8, 51.9, 19.6, 2.5],
} as const;

function costRatio(c: readonly number[], gradePct: number): number {
  const i = Math.max(-MINETTI_LIMIT, Math.min(MINETTI_LIMIT, gradePct / 100));
  return (((((c[0]! * i + c[1]!) * i + c[2]!) * i + c[3]!) * i + c[4]!) * i + c[5]!) / c[5]!;
}

/**
 * Energy cost per metre at a gradient (percent) relative to the flat: Cr(i)/Cr(0) for running, Cw(i)/Cw(0) for
 * walking (Minetti et al. 2002, J Appl Physiol 93:1039). Gradient is clamped to ±45 %; 1 for gait 'none'.
 */
export function minettiCostRatio(gait: Gait, gradePct: number): number {
  if (gait === 'none' || !Number.isFinite(gradePct)) return 1;
  return costRatio(MINETTI_COEFFICIENTS[gait], gradePct);
}

function externalWeights(raw: ArrayLike<number>, n: number, notes: StrainNote[]): Float64Array | null {
  if (raw.length < n) {
    notes.push({ code: 'sample-weights-ignored', detail: `length ${raw.length}, expected ${n}` });
    return null;
  }
  const out = new Float64Array(n);
  let cleaned = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = raw[i];
    if (typeof w === 'number' && Number.isFinite(w) && w >= 0) {
      out[i] = w;
      total += w;
    } else cleaned++;
  }
  if (cleaned > 0) notes.push({ code: 'sample-weights-cleaned', count: cleaned });
  if (total > 0) return out;
  notes.push({ code: 'sample-weights-ignored', detail: 'all zero' });
  return null;
}

/**
 * Per-sample weights (any positive scale; the caller normalises). Uses `external` (first n entries) when it is usable, else moving
 * seconds per sample (1 s when there is no time stream) times the Minetti cost ratio for `gait`.
 */
export function buildSampleWeights(
  streams: ActivityStreams,
  n: number,
  gait: Gait,
  gradePct: Float64Array | null,
  external: ArrayLike<number> | null | undefined,
  notes: StrainNote[],
): Float64Array {
  const given = external ? externalWeights(external, n, notes) : null;
  if (given) return given;
  const time = usableStream(streams.timeS, n);
  const moving = usableStream(streams.moving, n);
  const coefficients = gradePct && gait !== 'none' ? MINETTI_COEFFICIENTS[gait] : null;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dtS = 1;
    if (time && i + 1 < n) {
      const gapS = (time[i + 1] as number) - (time[i] as number);
      dtS = gapS > 0 ? Math.min(gapS, MAX_SAMPLE_GAP_S) : 0; // NaN and non-numbers fail `> 0`
    }
    if (moving && moving[i] === false) dtS = 0;
    out[i] = coefficients && dtS > 0 ? dtS * costRatio(coefficients, gradePct![i]!) : dtS;
  }
  return out;
}
