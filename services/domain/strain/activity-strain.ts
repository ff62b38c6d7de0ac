/**
 * Splits one activity's load over the seven body areas (heuristic v1, training-science §4.2). This is the
 * function a worker (and the engine benchmark) calls once per activity; it is pure and never throws.
 */
import type { ActivityInput, ActivityStreams } from '../activity';
import { BODY_AREAS, parseTaggedAreas, zeroAreas, type AreaRecord, type BodyArea } from './body-areas';
import {
  SHARE_TABLE,
  STRAIN_MODEL_VERSION,
  resolveSportProfile,
  type ShareRowId,
  type SportProfile,
} from './coefficients';
import { descentFromStreams, descentFromSummary, eccentricLoads } from './eccentric';
import { cleanGradeSeries, summaryGradePct, type GradeSource } from './grade';
import type { StrainNote } from './notes';
import { buildSampleWeights } from './sample-weights';
import { LEVEL_MIX, mixFromSeries, mixFromSummaryGrade, type GradeMix } from './grade-mix';

export interface ActivityStrainOptions {
  /** Per-sample load contributions (e.g. HR-based), indexed like the streams. Default: moving duration. */
  sampleWeights?: ArrayLike<number> | null;
  /** Scale duration weights of foot sports by the Minetti cost ratio (default true). */
  costWeighting?: boolean;
}

export interface ActivityStrain {
  modelVersion: typeof STRAIN_MODEL_VERSION;
  /** The share row used on the flat ('uniform' for even or tagged splits). */
  shareRow: ShareRowId;
  gradeSource: GradeSource;
  /** The activity load used (input load, or 0 if it was invalid), on the "1 h at threshold = 100" scale. */
  loadAu: number;
  /** Share of the load per area; sums to 1. */
  shares: AreaRecord;
  /** loadAu x share; sums to loadAu. What the area did. */
  areaLoadsAu: AreaRecord;
  /** Metres descended that fed the eccentric component (0 for sports without one). */
  descentM: number;
  /**
   * Eccentric damage weight from descents (g x metres descended), independent of the metabolic load, before
   * any repeated-bout protection (see eccentric.ts).
   */
  eccentricLoadsAu: AreaRecord;
  /** areaLoadsAu + eccentricLoadsAu: what drives soreness. Its total may exceed loadAu after descents. */
  damageLoadsAu: AreaRecord;
  notes: StrainNote[];
}

/** Length of the shortest non-empty stream, so every index is valid in every stream we read. */
function commonLength(streams: ActivityStreams, notes: StrainNote[]): number {
  let min = Infinity;
  let max = 0;
  for (const stream of Object.values(streams) as unknown[]) {
    if (!Array.isArray(stream) || stream.length === 0) continue;
    min = Math.min(min, stream.length);
    max = Math.max(max, stream.length);
  }
  if (max === 0) return 0;
  if (min < max) notes.push({ code: 'streams-truncated', count: min });
  return min;
}

function gradeMix(
  input: ActivityInput,
  profile: SportProfile,
  options: ActivityStrainOptions,
  notes: StrainNote[],
): { mix: GradeMix; source: GradeSource; descentM: number } {
  if (!profile.usesGrade) return { mix: LEVEL_MIX, source: 'none', descentM: 0 };
  const streams = input.streams && typeof input.streams === 'object' ? input.streams : null;
  const n = streams ? commonLength(streams, notes) : 0;
  if (streams && n > 1) {
    const cleaned = cleanGradeSeries(streams, n, notes);
    if (cleaned) {
      const gait = options.costWeighting === false ? 'none' : profile.gait;
      const weights = buildSampleWeights(streams, n, gait, cleaned.gradePct, options.sampleWeights, notes);
      const mix = mixFromSeries(cleaned.gradePct, weights);
      if (mix) {
        const descentM =
          descentFromStreams(streams, n, cleaned.gradePct) ?? descentFromSummary(input.summary) ?? 0;
        return { mix, source: cleaned.source, descentM };
      }
    }
  }
  const summaryGrade = summaryGradePct(input.summary, notes);
  return summaryGrade === null
    ? { mix: LEVEL_MIX, source: 'none', descentM: 0 }
    : {
        mix: mixFromSummaryGrade(summaryGrade),
        source: 'summary',
        descentM: descentFromSummary(input.summary) ?? 0,
      };
}

/** Even split, over the athlete's tagged areas when any tag is a known area (uniform sports only). */
function uniformShares(tags: unknown, knownSport: boolean, notes: StrainNote[]): Record<BodyArea, number> {
  const { areas, unknown } = parseTaggedAreas(tags);
  if (unknown.length > 0)
    notes.push({ code: 'unknown-tags-ignored', count: unknown.length, detail: unknown.join(', ') });
  const shares = zeroAreas();
  if (areas.length > 0) {
    notes.push({ code: 'tagged-areas-used', detail: areas.join(', ') });
    for (const area of areas) shares[area] = 1 / areas.length;
    return shares;
  }
  if (knownSport) notes.push({ code: 'uniform-split' });
  for (const area of BODY_AREAS) shares[area] = SHARE_TABLE.uniform[area];
  return shares;
}

function safeLoad(loadAu: number, notes: StrainNote[]): number {
  if (typeof loadAu === 'number' && Number.isFinite(loadAu) && loadAu >= 0) return loadAu;
  notes.push({ code: 'invalid-load', detail: String(loadAu) });
  return 0;
}

/**
 * Per-area split of one activity's load.
 *
 * Shares per sample blend the sport's level row toward its uphill/downhill rows (full weight at ±10 % grade)
 * and are averaged with the sample weights. Foot-sport descents add an eccentric damage weight that does not
 * depend on the metabolic load: 11 AU per 100 m descended to the quads, 0.45 of that to the calves/shins
 * (`eccentricLoadsAu`, eccentric.ts), so `damageLoadsAu` may sum to more than `loadAu`; `areaLoadsAu` always
 * sums to it. Bad input degrades to a cruder estimate recorded in `notes`.
 *
 * @param loadAu the activity's load, "1 h at threshold = 100" scale, computed by the load engine.
 */
export function computeActivityStrain(
  input: ActivityInput,
  loadAu: number,
  options: ActivityStrainOptions = {},
): ActivityStrain {
  const notes: StrainNote[] = [];
  const load = safeLoad(loadAu, notes);
  const summary = input?.summary ?? ({} as ActivityInput['summary']);
  const safeInput: ActivityInput = { summary, streams: input?.streams ?? null };
  const { profile, known } = resolveSportProfile(summary.sportType);
  if (!known) notes.push({ code: 'unknown-sport-uniform', detail: String(summary.sportType) });
  const isUniform = profile.taggable;
  if (!isUniform && Array.isArray(summary.taggedAreas) && summary.taggedAreas.length > 0) {
    notes.push({ code: 'tags-ignored-for-modelled-sport' });
  }
  const shares = isUniform ? uniformShares(summary.taggedAreas, known, notes) : zeroAreas();
  const { mix, source, descentM } = isUniform
    ? { mix: LEVEL_MIX, source: 'none' as const, descentM: 0 }
    : gradeMix(safeInput, profile, options, notes);

  const areaLoadsAu = zeroAreas();
  const eccentricLoadsAu = eccentricLoads(descentM);
  const damageLoadsAu = zeroAreas();
  const [lvl, up, down] = [SHARE_TABLE[profile.level], SHARE_TABLE[profile.up], SHARE_TABLE[profile.down]];
  for (const area of BODY_AREAS) {
    if (!isUniform) shares[area] = lvl[area] * mix.lvl + up[area] * mix.up + down[area] * mix.down;
    areaLoadsAu[area] = load * shares[area];
    damageLoadsAu[area] = areaLoadsAu[area] + eccentricLoadsAu[area];
  }
  return {
    modelVersion: STRAIN_MODEL_VERSION,
    shareRow: profile.level,
    gradeSource: source,
    loadAu: load,
    descentM,
    shares,
    areaLoadsAu,
    eccentricLoadsAu,
    damageLoadsAu,
    notes,
  };
}
