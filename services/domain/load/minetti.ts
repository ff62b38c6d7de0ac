/**
 * Minetti et al. 2002 (J Appl Physiol 93:1039-1046): energy cost of running Cr(i) and walking Cw(i),
 * J per kg per metre, as 5th-order polynomials of the gradient i (a fraction, fitted on -0.45..+0.45).
 * The one implementation in the code base: running stress (grade-adjusted speed) and the strain model's
 * cost weighting both call it.
 *
 * The grade-adjusted model we ship is the plain cost ratio: a speed v at gradient i costs as much metabolic
 * power as the flat speed v x Cr(i) / Cr(0). It reproduces the published Minetti pace-equivalence tables
 * exactly (tests/science/gap-minetti.test.ts).
 */

/** The fitted range of both polynomials; steeper gradients are clamped to it. */
export const MINETTI_GRADE_LIMIT = 0.45;

/** Coefficients, highest power first (i^5 ... i^0). */
export const MINETTI_RUN_COEFFICIENTS = [155.4, -30.4, -43.3, 46.3, 19.5, 3.6] as const;
export const MINETTI_WALK_COEFFICIENTS = [280.5, -58.7, -76.8, 51.9, 19.6, 2.5] as const;

function clampGrade(i: number): number {
  return i > MINETTI_GRADE_LIMIT ? MINETTI_GRADE_LIMIT : i < -MINETTI_GRADE_LIMIT ? -MINETTI_GRADE_LIMIT : i;
}

/** Horner evaluation of a 5th-order polynomial at the clamped gradient. */
export function minettiPolynomial(c: readonly number[], i: number): number {
  const g = clampGrade(i);
  return ((((c[0]! * g + c[1]!) * g + c[2]!) * g + c[3]!) * g + c[4]!) * g + c[5]!;
}

/** Minetti 2002 energy cost of running, J/kg/m, at gradient `i` (fraction); Cr(0) = 3.6. */
export function minettiRunningCost(i: number): number {
  return minettiPolynomial(MINETTI_RUN_COEFFICIENTS, i);
}

/** Minetti 2002 energy cost of walking, J/kg/m, at gradient `i` (fraction); Cw(0) = 2.5. */
export function minettiWalkingCost(i: number): number {
  return minettiPolynomial(MINETTI_WALK_COEFFICIENTS, i);
}

/** Cost ratio Cr(i) / Cr(0): how much harder a metre at gradient i is than a flat metre (running). */
export function minettiCostRatio(i: number): number {
  return minettiRunningCost(i) / MINETTI_RUN_COEFFICIENTS[5];
}

/** Cw(i) / Cw(0) for walking. */
export function minettiWalkingCostRatio(i: number): number {
  return minettiWalkingCost(i) / MINETTI_WALK_COEFFICIENTS[5];
}

/**
 * Grade-adjusted (flat-equivalent) pace of a pace held at a gradient: pace / (Cr(i)/Cr(0)). 6:00/km up
 * +5 % is 4:36.6/km on the flat (Cr ratio 1.3014). Pace in seconds per km (or per mile: the unit carries).
 */
export function gradeAdjustedPace(paceS: number, gradePct: number): number {
  return paceS / minettiCostRatio(gradePct / 100);
}

/** The inverse: the pace at a gradient that costs as much as `flatPaceS` on the flat. */
export function paceForEffortAtGrade(flatPaceS: number, gradePct: number): number {
  return flatPaceS * minettiCostRatio(gradePct / 100);
}
