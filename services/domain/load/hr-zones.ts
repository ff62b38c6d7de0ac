/** Time in heart-rate zones: the athlete's own (Strava) zones when given, else zones derived from LTHR. */
import { LTHR_ZONE_STARTS } from './constants';
import type { CleanedStreams } from './clean-streams';
import type { HrZone } from './physiology-types';

/** GoldenCheetah's default zones as % of LTHR (Z1 < 68 %, Z2 68-83, Z3 83-94, Z4 94-105, Z5 >= 105). */
export function zonesFromLthr(lthrBpm: number): HrZone[] {
  return LTHR_ZONE_STARTS.map((start, i) => {
    const next = LTHR_ZONE_STARTS[i + 1];
    return {
      minBpm: start * lthrBpm,
      maxBpm: next === undefined ? null : next * lthrBpm,
    };
  });
}

/** Zone index of a heart rate: the last zone whose lower bound it reaches (below zone 1 counts as zone 1). */
export function zoneIndexOf(hrBpm: number, zones: readonly HrZone[]): number {
  let index = 0;
  for (let z = 1; z < zones.length; z++) {
    if (hrBpm >= zones[z]!.minBpm) index = z;
  }
  return index;
}

/** Seconds of valid HR in each zone. Cleaned-away samples are not attributed to any zone. */
export function timeInHrZonesFromStream(cleaned: CleanedStreams, zones: readonly HrZone[]): number[] | null {
  const hr = cleaned.hrBpm;
  if (!hr || zones.length === 0) return null;
  const seconds = zones.map(() => 0);
  for (let k = 0; k < cleaned.length; k++) {
    const bpm = hr[k]!;
    if (bpm !== bpm) continue;
    const z = zoneIndexOf(bpm, zones);
    seconds[z] = seconds[z]! + cleaned.dtS[k]!;
  }
  return seconds;
}

/** Summary form (GoldenCheetah): all of the duration goes into the zone of the average HR. */
export function timeInHrZonesFromAverage(averageHrBpm: number, durationS: number, zones: readonly HrZone[]) {
  if (zones.length === 0) return null;
  const seconds = zones.map(() => 0);
  seconds[zoneIndexOf(averageHrBpm, zones)] = durationS;
  return seconds;
}
