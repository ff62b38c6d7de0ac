/**
 * Time course of one session's per-area damage load L (training-science §4.3, [DERIVED], tunable):
 * soreness S(t) = L * (t/48)^2 * exp(2 * (1 - t/48)) peaks at 48 h (S = L) and is ~0.08 L by 7 days, matching
 * the 24-72 h DOMS peak and 5-7 day resolution (Cheung 2003); residual fatigue F(t) = L * exp(-t / tau).
 * Sessions superpose: the area's curve is the sum over its sessions.
 */

export const SORENESS_PEAK_H = 48;

/** Residual-fatigue time constants: 48 h for large eccentric-loaded muscle (quads after downhill), else 30 h. */
export const FATIGUE_TAU_H = { eccentricQuads: 48, default: 30 } as const;

/**
 * Area under S(t)/L in hours: 48 * e^2 / 4 = 12 e^2 ~ 88.7 h. A steady daily load D therefore settles at a
 * soreness level of about D * 88.7 / 24; the baseline uses this to put daily loads on the soreness scale.
 */
export const SORENESS_AREA_H = (SORENESS_PEAK_H * Math.E ** 2) / 4;

/** S(t)/L for t hours after the session; 0 before it (or for non-finite t). */
export function sorenessFraction(hoursSince: number): number {
  if (!(hoursSince > 0) || !Number.isFinite(hoursSince)) return 0;
  const x = hoursSince / SORENESS_PEAK_H;
  return x * x * Math.exp(2 * (1 - x));
}

/** F(t)/L for t hours after the session: 1 at the end of it, 0 before it. */
export function fatigueFraction(hoursSince: number, tauH: number): number {
  if (!(hoursSince >= 0) || !Number.isFinite(hoursSince) || !(tauH > 0)) return 0;
  return Math.exp(-hoursSince / tauH);
}
