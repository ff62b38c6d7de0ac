import {
  HR_LOAD_MODELS,
  type EnteredBy,
  type EnteredPhysiology,
  type HrLoadModel,
  type HrZone,
  type PhysiologyKey,
  type PhysiologyObservations,
} from '../domain/load';
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

/** physiology_entered._enteredBy: who typed each value ('athlete' | 'coach'); anything else is dropped. */
function enteredByOf(stored: unknown): Partial<Record<PhysiologyKey, EnteredBy>> {
  if (!stored || typeof stored !== 'object') return {};
  return Object.fromEntries(
    Object.entries(stored as Record<string, unknown>).filter(([, v]) => v === 'athlete' || v === 'coach'),
  );
}

function hrLoadModelOf(v: unknown): HrLoadModel | null {
  return (HR_LOAD_MODELS as readonly unknown[]).includes(v) ? (v as HrLoadModel) : null;
}

/**
 * What the athlete entered (physiology_entered, sex from Strava unless they set one, Strava's HR zones)
 * in the load engine's terms, with who entered each value (athlete, coach or Strava) for the labels.
 */
export function enteredPhysiology(athlete: TrainingAthlete): EnteredPhysiology {
  const e = athlete.physiologyEntered;
  const enteredSex = e.sex === 'male' || e.sex === 'female' ? e.sex : null;
  const stravaSex = athlete.sex === 'M' ? 'male' : athlete.sex === 'F' ? 'female' : null;
  const enteredBy = enteredByOf(e._enteredBy);
  if (!enteredSex && stravaSex) enteredBy.sex = 'strava';
  enteredBy.hrZones = 'strava';
  return {
    hrMaxBpm: num(e.hrMaxBpm),
    hrRestBpm: num(e.hrRestBpm),
    lthrBpm: num(e.lthrBpm),
    ftpW: num(e.ftpW),
    thresholdPaceSPerKm: num(e.thresholdPaceSPerKm),
    thresholdSwimPaceSPer100m: num(e.thresholdSwimPaceSPer100m),
    hrLoadModel: hrLoadModelOf(e.hrLoadModel),
    enteredBy,
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
    bestSwimPaceSPer100m: num(o.bestSwimPaceSPer100m),
  };
}
