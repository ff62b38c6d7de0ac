/**
 * Running stress from grade-adjusted speed. GAP speed = speed x Cr(i) / Cr(0), with Minetti et al. 2002's
 * running cost polynomial Cr(i) (J/kg/m, i = gradient fraction, clamped to +-0.45): the flat speed with the
 * same metabolic cost per second. Running stress = moving hours x (mean GAP speed / threshold speed)^2 x 100.
 */
import type { CleanedStreams } from './clean-streams';
import { minettiCostRatio } from './minetti';

export { minettiCostRatio, minettiRunningCost } from './minetti';

/** Threshold pace (s/km) as a speed in m/s. */
export function thresholdSpeedMps(thresholdPaceSPerKm: number): number {
  return 1000 / thresholdPaceSPerKm;
}

export interface GradeAdjustedSpeed {
  /** Time-weighted mean GAP speed over samples with a valid speed. */
  meanMps: number;
  /** Share of moving time with a valid speed. */
  coverage: number;
}

/** Mean grade-adjusted speed of the cleaned streams; a missing grade sample counts as flat. */
export function gradeAdjustedSpeed(cleaned: CleanedStreams): GradeAdjustedSpeed | null {
  const speed = cleaned.speedMps;
  const grade = cleaned.gradeFrac;
  if (!speed || !grade || cleaned.movingTimeS <= 0) return null;
  let distance = 0;
  let validTimeS = 0;
  for (let k = 0; k < cleaned.length; k++) {
    const v = speed[k]!;
    if (v !== v) continue;
    const g = grade[k]!;
    const dt = cleaned.dtS[k]!;
    distance += v * (g === g ? minettiCostRatio(g) : 1) * dt;
    validTimeS += dt;
  }
  if (validTimeS <= 0) return { meanMps: 0, coverage: 0 };
  return { meanMps: distance / validTimeS, coverage: validTimeS / cleaned.movingTimeS };
}

/** Running stress = hours x (GAP speed / threshold speed)^2 x 100: an hour at threshold pace on the flat = 100. */
export function runningStress(movingTimeS: number, gapSpeedMps: number, thresholdPaceSPerKm: number): number {
  const intensity = gapSpeedMps / thresholdSpeedMps(thresholdPaceSPerKm);
  return (movingTimeS / 3600) * intensity * intensity * 100;
}
