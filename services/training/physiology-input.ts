import type { EnteredPhysiology, HrZone, PhysiologyObservations } from '../domain/load';
import type { TrainingAthlete } from '../../db/queries/training';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Strava's /athlete/zones heart-rate part ({zones:[{min,max}]}, max -1 = open) as the engine's zones. */
export function hrZonesFromStrava(stored: unknown): HrZone[] | null {
  const zones =
    (stored as { zones?: unknown } | null)?.zones ??
    (stored as { heart_rate?: { zones?: unknown } } | null)?.heart_rate?.zones;
  if (!Array.isArray(zones) || zones.length < 2) return null;
  const out: HrZone[] = [];
  for (const z of zones as { min?: unknown; max?: unknown }[]) {
    const min = num(z?.min);
    const max = num(z?.max);
    if (min === null) return null;
    out.push({ minBpm: min, maxBpm: max === null || max < 0 ? null : max });
  }
  return out;
}

/**
 * What the athlete entered (physiology_entered, sex from Strava unless they set one, Strava's HR zones)
 * in the load engine's terms.
 */
export function enteredPhysiology(athlete: TrainingAthlete): EnteredPhysiology {
  const e = athlete.physiologyEntered;
  const enteredSex = e.sex === 'male' || e.sex === 'female' ? e.sex : null;
  const stravaSex = athlete.sex === 'M' ? 'male' : athlete.sex === 'F' ? 'female' : null;
  return {
    hrMaxBpm: num(e.hrMaxBpm),
    hrRestBpm: num(e.hrRestBpm),
    lthrBpm: num(e.lthrBpm),
    ftpW: num(e.ftpW),
    thresholdPaceSPerKm: num(e.thresholdPaceSPerKm),
    birthYear: num(e.birthYear),
    sex: enteredSex ?? stravaSex,
    hrZones: hrZonesFromStrava(athlete.stravaZones),
  };
}

/** Stored observations (physiology_observed) plus a fresh 12-month max HR and how many sessions it spans. */
export function observations(
  athlete: TrainingAthlete,
  maxHr: { maxHrBpm: number | null; activities: number },
): PhysiologyObservations {
  const o = athlete.physiologyObserved;
  return {
    maxHrLast12MonthsBpm: maxHr.maxHrBpm,
    hrActivitiesLast12Months: maxHr.activities,
    restingHrBpm: num(o.restingHrBpm),
    best20MinPowerW: num(o.best20MinPowerW),
    bestThresholdPaceSPerKm: num(o.bestThresholdPaceSPerKm),
  };
}
