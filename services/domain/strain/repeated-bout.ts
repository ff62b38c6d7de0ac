/**
 * Repeated-bout effect: muscle that did a damaging eccentric bout recently is protected against the next one
 * (Khassetarash 2021: less soreness, CK and strength loss 3 weeks later; Cleary 2002: effect still seen after
 * 6-9 weeks; Bontemps 2020: the least accustomed runners get the most damage). Rule [DERIVED, tunable]:
 * each eccentric-heavy bout of the area in the prior 9 weeks counts fully up to 6 weeks, then fades linearly
 * to nothing at 9 weeks; the counted bouts (2 = full) remove up to 50 % of the *eccentric extra* damage
 * weight, never the plain load, so a regular downhill runner's quads still count at least their plain load.
 */

const WEEK_MS = 7 * 24 * 3_600_000;

export const REPEATED_BOUT = {
  /** Largest fraction of the eccentric extra that protection removes. */
  maxProtection: 0.5,
  /** Recent bouts needed for full protection. */
  boutsForFullProtection: 2,
  /** Age up to which a prior bout protects fully. */
  fullUntilWeeks: 6,
  /** Age at which a prior bout no longer protects. */
  goneAfterWeeks: 9,
  /** An area's bout is eccentric-heavy when its eccentric extra is at least this (AU): ~90 m of descent for the quads. */
  minEccentricLoad: 10,
} as const;

export function isEccentricBout(eccentricLoad: number): boolean {
  return eccentricLoad >= REPEATED_BOUT.minEccentricLoad;
}

/** 1 for a bout up to 6 weeks old, fading linearly to 0 at 9 weeks; 0 for future or invalid ages. */
export function boutProtectionWeight(ageMs: number): number {
  if (!(ageMs > 0)) return 0;
  const weeks = ageMs / WEEK_MS;
  const { fullUntilWeeks, goneAfterWeeks } = REPEATED_BOUT;
  if (weeks <= fullUntilWeeks) return 1;
  return Math.max(0, (goneAfterWeeks - weeks) / (goneAfterWeeks - fullUntilWeeks));
}

/**
 * Fraction (0..0.5) of the eccentric extra removed for a bout at `atMs`, given the start times of the area's
 * earlier eccentric-heavy bouts. Bouts at or after `atMs` are ignored.
 */
export function repeatedBoutProtection(priorBoutStartsMs: readonly number[], atMs: number): number {
  let counted = 0;
  for (const startMs of priorBoutStartsMs) counted += boutProtectionWeight(atMs - startMs);
  return REPEATED_BOUT.maxProtection * Math.min(1, counted / REPEATED_BOUT.boutsForFullProtection);
}
