/**
 * Per-muscle strain model (heuristic v1). Per activity: `computeActivityStrain`; per athlete:
 * `projectAreaStrain(sessions, nowMs)`. See docs/strain-model.md.
 */
export { BODY_AREAS, BODY_AREA_LABELS, parseTaggedAreas, type AreaRecord, type BodyArea } from './body-areas';
export { ECCENTRIC_AREA_RATIO, QUADS_AU_PER_100M_DESCENT } from './eccentric';
export {
  FULL_HILL_GRADE_PCT,
  SHARE_TABLE,
  SPORT_PROFILES,
  STRAIN_MODEL_VERSION,
  type ShareRowId,
} from './coefficients';
export { computeActivityStrain, type ActivityStrain, type ActivityStrainOptions } from './activity-strain';
export type { GradeSource } from './grade';
export type { StrainNote, StrainNoteCode } from './notes';
export { FATIGUE_TAU_H, SORENESS_PEAK_H, fatigueFraction, sorenessFraction } from './time-course';
export { REPEATED_BOUT, repeatedBoutProtection } from './repeated-bout';
export {
  projectAreaStrain,
  toStrainSession,
  type AreaStrain,
  type AthleteStrain,
  type ProjectOptions,
  type StrainSession,
} from './project-strain';
export { STRAIN_STATE_THRESHOLDS, classifyStrain, type StrainState } from './strain-state';
export { STRAIN_EXPLANATIONS, STRAIN_SOURCES, STRAIN_STATE_EXPLANATIONS } from './explanations';
