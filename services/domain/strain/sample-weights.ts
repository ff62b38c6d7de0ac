/**
 * How much of the activity's load each sample carries. The caller may pass per-sample load contributions (e.g.
 * HR-based); otherwise moving duration, scaled for foot sports by the Minetti 2002 energy-cost ratio so a steep
 * climb counts for more than the same seconds on the flat.
 */
import type { ActivityStreams } from '../activity';
import { minettiCostRatio as runCostRatio, minettiWalkingCostRatio } from '../load/minetti';
import type { Gait } from './coefficients';
import { usableStream } from './grade';
import type { StrainNote } from './notes';

/** Longer gaps between samples are pauses the `moving` stream did not flag. */
const MAX_SAMPLE_GAP_S = 30;
const COST_RATIO = { run: runCostRatio, walk: minettiWalkingCostRatio } as const;

/**
 * Energy cost per metre at a gradient (percent) relative to the flat: Cr(i)/Cr(0) for running, Cw(i)/Cw(0) for
 * walking (Minetti et al. 2002, J Appl Physiol 93:1039; one implementation in load/minetti.ts). Gradient is
 * clamped to ±45 %; 1 for gait 'none'.
 */
export function minettiCostRatio(gait: Gait, gradePct: number): number {
  if (gait === 'none' || !Number.isFinite(gradePct)) return 1;
  return COST_RATIO[gait](gradePct / 100);
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
  const ratio = gradePct && gait !== 'none' ? COST_RATIO[gait] : null;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dtS = 1;
    if (time && i + 1 < n) {
      const gapS = (time[i + 1] as number) - (time[i] as number);
      dtS = gapS > 0 ? Math.min(gapS, MAX_SAMPLE_GAP_S) : 0; // NaN and non-numbers fail `> 0`
    }
    if (moving && moving[i] === false) dtS = 0;
    out[i] = ratio && dtS > 0 ? dtS * ratio(gradePct![i]! / 100) : dtS;
  }
  return out;
}
