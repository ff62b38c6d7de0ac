/**
 * Swim stress (Elevate's computeSwimStressScore, the TrainingPeaks sTSS convention; TS §1.8):
 * normalized swim speed NSS = distance / moving time (m/min); IF = NSS / threshold swim speed;
 * swim stress = IF^3 x elapsed hours x 100. The cube (not the square of rTSS/TSS) is the published
 * convention: water resistance makes power grow with about the cube of speed. An hour at threshold
 * swim pace without rest scores 100, the common scale.
 */

/** Threshold swim pace (s per 100 m) as a speed in metres per minute. */
export function thresholdSwimSpeedMpm(thresholdSwimPaceSPer100m: number): number {
  return (100 * 60) / thresholdSwimPaceSPer100m;
}

export interface SwimStress {
  normalizedSwimSpeedMpm: number;
  intensityFactor: number;
  load: number;
}

export function swimStress(
  distanceM: number,
  movingTimeS: number,
  elapsedTimeS: number,
  thresholdSwimPaceSPer100m: number,
): SwimStress {
  const normalizedSwimSpeedMpm = distanceM / (movingTimeS / 60);
  const intensityFactor = normalizedSwimSpeedMpm / thresholdSwimSpeedMpm(thresholdSwimPaceSPer100m);
  const load = intensityFactor ** 3 * (elapsedTimeS / 3600) * 100;
  return { normalizedSwimSpeedMpm, intensityFactor, load };
}
