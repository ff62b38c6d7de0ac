/**
 * Per-area state from the strain index (projected soreness / the athlete's baseline soreness). All thresholds
 * of the state live in STRAIN_STATE_THRESHOLDS so product and tests tune one object.
 */

export type StrainState = 'fresh' | 'loaded' | 'strained' | 'recovering';

/**
 * Every threshold of the per-area state, in one place. Index = soreness / baseline soreness.
 * strained: projected index >= 1.5 (training-science §4.3 threshold idea); recovering: was strained now, or
 * above "loaded" but falling; loaded: projected index >= 1.2 and not falling; fresh: otherwise.
 */
export const STRAIN_STATE_THRESHOLDS = {
  strainedIndex: 1.5,
  loadedIndex: 1.2,
  /** The index uses soreness projected this far ahead (tomorrow's soreness from today's sessions). */
  projectionHorizonH: 24,
  /** Baseline = mean daily damage load of the area over this many days... */
  baselineWindowDays: 28,
  /** ...but at least this (AU per day: ~ one threshold hour a week at a typical area share). */
  baselineFloorDailyAu: 5,
} as const;

export function classifyStrain(currentIndex: number, projectedIndex: number): StrainState {
  const t = STRAIN_STATE_THRESHOLDS;
  if (projectedIndex >= t.strainedIndex) return 'strained';
  if (currentIndex >= t.strainedIndex) return 'recovering';
  if (projectedIndex >= t.loadedIndex) return projectedIndex < currentIndex ? 'recovering' : 'loaded';
  return 'fresh';
}
