/**
 * Zone-based TRIMPs, selectable instead of Banister's exponential TRIMP (hrLoadModel):
 * - Edwards 1993 (The Heart Rate Monitor Book): minutes in each %HRmax zone (50-60, 60-70, 70-80, 80-90,
 *   90-100 %) x the zone number 1..5; below 50 % counts 0. Lower bounds inclusive (tools differ: TS §1.2).
 * - Weighted zones, GoldenCheetah's "TRIMP Zonal Points" defaults (TS §1.4): zones starting at 0, 68, 83, 94
 *   and 105 % of LTHR weighted 0.9, 1.1, 1.2, 2.0 and 5.0 per minute.
 * Put on the load scale like HRSS: load = 100 x TRIMP / TRIMP(60 min at LTHR) with the same model, so an
 * hour at threshold HR scores 100 whichever model is chosen.
 */
import type { CleanedStreams } from './clean-streams';
import type { HrLoadModel } from './physiology-types';
import type { HrPhysiology } from './trimp';

export type ZoneTrimpModel = Exclude<HrLoadModel, 'banister'>;

/** Edwards: zone lower bounds as fractions of HRmax, and the weight of each zone. */
export const EDWARDS_ZONES = { startsOfHrMax: [0.5, 0.6, 0.7, 0.8, 0.9], weights: [1, 2, 3, 4, 5] } as const;
/** GoldenCheetah default zonal TRIMP: zone lower bounds as fractions of LTHR and per-minute weights. */
export const ZONAL_TRIMP_ZONES = {
  startsOfLthr: [0, 0.68, 0.83, 0.94, 1.05],
  weights: [0.9, 1.1, 1.2, 2.0, 5.0],
} as const;

/** TRIMP per minute at a heart rate under a zone model (0 below Edwards' 50 % HRmax). */
export function zoneTrimpPerMinute(model: ZoneTrimpModel, hrBpm: number, p: HrPhysiology): number {
  const { starts, weights, ref } =
    model === 'edwards'
      ? { starts: EDWARDS_ZONES.startsOfHrMax, weights: EDWARDS_ZONES.weights, ref: p.hrMaxBpm }
      : { starts: ZONAL_TRIMP_ZONES.startsOfLthr, weights: ZONAL_TRIMP_ZONES.weights, ref: p.lthrBpm };
  let weight = 0;
  for (let z = 0; z < starts.length; z++) if (hrBpm >= starts[z]! * ref) weight = weights[z]!;
  return weight;
}

/** Summary form: the whole duration in the zone of the average HR (as GoldenCheetah does). */
export function zoneTrimpFromAverageHr(
  model: ZoneTrimpModel,
  averageHrBpm: number,
  durationS: number,
  p: HrPhysiology,
): number {
  return (durationS / 60) * zoneTrimpPerMinute(model, averageHrBpm, p);
}

/** Stream form: credited minutes per valid sample x its zone weight, scaled to moving time like TRIMP. */
export function zoneTrimpFromStream(
  model: ZoneTrimpModel,
  cleaned: CleanedStreams,
  p: HrPhysiology,
): { trimp: number; coverage: number } | null {
  const hr = cleaned.hrBpm;
  if (!hr || cleaned.movingTimeS <= 0) return null;
  let sum = 0;
  let validTimeS = 0;
  for (let k = 0; k < cleaned.length; k++) {
    const bpm = hr[k]!;
    if (bpm !== bpm) continue;
    const dt = cleaned.dtS[k]!;
    sum += dt * zoneTrimpPerMinute(model, bpm, p);
    validTimeS += dt;
  }
  if (validTimeS <= 0) return { trimp: 0, coverage: 0 };
  return {
    trimp: (sum / 60) * (cleaned.movingTimeS / validTimeS),
    coverage: validTimeS / cleaned.movingTimeS,
  };
}

/** The normaliser: the model's TRIMP for 60 minutes exactly at LTHR. */
export function zoneTrimpOfHourAtLthr(model: ZoneTrimpModel, p: HrPhysiology): number {
  return 60 * zoneTrimpPerMinute(model, p.lthrBpm, p);
}

/** Load on the common scale: 100 x TRIMP / TRIMP(60 min at LTHR). */
export function zoneTrimpLoad(model: ZoneTrimpModel, trimp: number, p: HrPhysiology): number {
  return (100 * trimp) / zoneTrimpOfHourAtLthr(model, p);
}
