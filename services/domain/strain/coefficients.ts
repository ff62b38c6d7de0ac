/**
 * Heuristic v1 of the per-area load split (training-science §4.2, tagged [DERIVED]). Every coefficient of the
 * model lives in this file; the derivation of each share row sits next to it. Change a number here and in
 * docs/strain-model.md together, and bump STRAIN_MODEL_VERSION.
 */
import type { BodyArea } from './body-areas';
import type { SportType } from '../activity';

/** v2 (issue 16): the eccentric component is g x descent, independent of the metabolic load (eccentric.ts). */
export const STRAIN_MODEL_VERSION = 'strain-heuristic-v2';

export type ShareRowId =
  'runLevel' | 'hillUp' | 'hillDown' | 'walkLevel' | 'ride' | 'swim' | 'row' | 'uniform';

/** One row: the share of the activity's load per area, in BODY_AREAS order; each row sums to 1. */
type Row = readonly [number, number, number, number, number, number, number];

const u = 1 / 7;

/**
 * THE coefficient table (training-science §4.2). The derivation of each row is the comment after it; the
 * lower-limb columns follow joint-work shares (ankle -> calves, knee extensors -> quads, hip extensors ->
 * glutes/hips + part of hamstrings, knee flexors -> hamstrings) and small posture shares go to trunk and arms.
 */
// prettier-ignore
const ROWS: Readonly<Record<ShareRowId, Row>> = {
  //          calves quads hamstr glutes lowBack neckSh arms
  runLevel:  [0.40, 0.25, 0.12, 0.15, 0.05, 0.02, 0.01], // Schache 2015 level stance work ankle 65 / knee 29 / hip 5.5 %; Hamner 2010 quads brake early stance; + posture
  hillUp:    [0.33, 0.20, 0.15, 0.24, 0.06, 0.01, 0.01], // Roberts & Belliveau 2005: the extra uphill work is almost all at the hip; Vernillo 2017
  hillDown:  [0.24, 0.46, 0.08, 0.12, 0.07, 0.02, 0.01], // Shih & Ho 2023: knee dominates the downslope support moment; Maeo 2017 vastus damage
  walkLevel: [0.48, 0.15, 0.08, 0.22, 0.04, 0.02, 0.01], // Schache 2015 walking stance work ankle 53 / hip 23 / knee 24 %; + posture
  ride:      [0.18, 0.36, 0.16, 0.22, 0.04, 0.03, 0.01], // Ericson 1986 work: knee ext 39, hip ext 27, ankle 20, knee flex 10, hip flex 4 %, x 0.92 + 0.08 posture
  swim:      [0.06, 0.09, 0.05, 0.08, 0.10, 0.37, 0.25], // Morouco 2015 front crawl force: arm stroke ~70 %, leg kick ~30 %
  row:       [0.03, 0.20, 0.16, 0.24, 0.22, 0.07, 0.08], // Tachibana 2003 rowing power: legs 39, trunk 49 (lower back + hip extension), arms 11 %
  uniform:   [u, u, u, u, u, u, u],                      // no evidence for the sport: spread evenly unless the athlete tags areas
};

function toRecord(row: Row): Readonly<Record<BodyArea, number>> {
  const [calves, quads, hamstrings, glutesHips, lowerBack, neckShoulders, arms] = row;
  return { calves, quads, hamstrings, glutesHips, lowerBack, neckShoulders, arms };
}

/** The table keyed by area name, for readers that prefer `SHARE_TABLE.swim.arms`. */
export const SHARE_TABLE: Readonly<Record<ShareRowId, Readonly<Record<BodyArea, number>>>> = {
  runLevel: toRecord(ROWS.runLevel),
  hillUp: toRecord(ROWS.hillUp),
  hillDown: toRecord(ROWS.hillDown),
  walkLevel: toRecord(ROWS.walkLevel),
  ride: toRecord(ROWS.ride),
  swim: toRecord(ROWS.swim),
  row: toRecord(ROWS.row),
  uniform: toRecord(ROWS.uniform),
};

/** Grade (percent) at which the hill rows get full weight; shares blend linearly from the level row (§4.2). */
export const FULL_HILL_GRADE_PCT = 10;

export type Gait = 'run' | 'walk' | 'none';

export interface SportProfile {
  level: ShareRowId;
  /** Rows used on climbs and descents; equal to `level` for sports where grade does not change the split. */
  up: ShareRowId;
  down: ShareRowId;
  /** Whether grade shifts the split and downhill carries the eccentric multiplier (foot sports only). */
  usesGrade: boolean;
  /** Minetti cost curve for duration weighting; 'none' = plain moving time. */
  gait: Gait;
  /** True when the split is uniform on purpose and athlete tags may replace it. */
  taggable: boolean;
}

const run: SportProfile = {
  level: 'runLevel',
  up: 'hillUp',
  down: 'hillDown',
  usesGrade: true,
  gait: 'run',
  taggable: false,
};
const walk: SportProfile = { ...run, level: 'walkLevel', gait: 'walk' };
const flat = (row: ShareRowId): SportProfile => ({
  level: row,
  up: row,
  down: row,
  usesGrade: false,
  gait: 'none',
  taggable: row === 'uniform',
});

/** Strava sport_type -> profile. Hikes and walks use the run hill rows (§4.2 "Hike uphill / downhill"). */
export const SPORT_PROFILES: Readonly<Partial<Record<SportType, SportProfile>>> = {
  Run: run,
  TrailRun: run,
  VirtualRun: run,
  Walk: walk,
  Hike: walk,
  Ride: flat('ride'),
  VirtualRide: flat('ride'),
  GravelRide: flat('ride'),
  MountainBikeRide: flat('ride'),
  EBikeRide: flat('ride'),
  Swim: flat('swim'),
  Rowing: flat('row'),
  VirtualRow: flat('row'),
  WeightTraining: flat('uniform'),
  Workout: flat('uniform'),
  Crossfit: flat('uniform'),
  Yoga: flat('uniform'),
  NordicSki: flat('uniform'),
};

/** Unknown sports are spread evenly; the caller records that it fell back. */
export function resolveSportProfile(sportType: unknown): { profile: SportProfile; known: boolean } {
  // hasOwn: 'toString' and friends must not resolve to Object.prototype members.
  const profile =
    typeof sportType === 'string' && Object.hasOwn(SPORT_PROFILES, sportType)
      ? SPORT_PROFILES[sportType]
      : undefined;
  return profile ? { profile, known: true } : { profile: flat('uniform'), known: false };
}
