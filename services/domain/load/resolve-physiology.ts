/**
 * Resolves each physiology value in a fixed order: what the athlete entered, else what their data shows,
 * else an age formula, else a default. Each value says where it came from. Pure: "today" is an argument.
 * Values are kept at full precision (an age-formula HRmax of 180.3 stays 180.3): only display rounds.
 */
import {
  DEFAULT_HR_MAX_BPM,
  DEFAULT_HR_REST_BPM,
  FTP_FROM_BEST_20_MIN_FACTOR,
  LTHR_HRR_FRACTION,
  TANAKA_INTERCEPT_BPM,
  TANAKA_SLOPE_BPM_PER_YEAR,
} from './constants';
import { PHYSIOLOGY_ORIGIN_LABELS } from './explanations';
import { zonesFromLthr } from './hr-zones';
import type {
  EnteredPhysiology,
  HrLoadModel,
  HrZone,
  PhysiologyKey,
  PhysiologyObservations,
  PhysiologyOrigin,
  PhysiologySource,
  ResolvedPhysiology,
  ResolvedValue,
  Sex,
} from './physiology-types';

/** Plausible ranges; an entered value outside them is ignored (with a note), never trusted. */
export const PLAUSIBLE_RANGES = {
  hrMaxBpm: [100, 240],
  hrRestBpm: [25, 120],
  ftpW: [30, 800],
  thresholdPaceSPerKm: [120, 1200],
  thresholdSwimPaceSPer100m: [50, 300],
} as const;

const SOURCE_OF: Readonly<Record<PhysiologyOrigin, PhysiologySource>> = {
  enteredByAthlete: 'entered',
  enteredByCoach: 'entered',
  fromStrava: 'entered',
  hrData: 'estimated',
  powerData: 'estimated',
  paceData: 'estimated',
  wearable: 'estimated',
  ageFormula: 'estimated',
  hrFormula: 'estimated',
  lthrFormula: 'estimated',
  default: 'default',
};

function resolved<T>(value: T, origin: PhysiologyOrigin, basis: string): ResolvedValue<T> {
  return { value, source: SOURCE_OF[origin], origin, label: PHYSIOLOGY_ORIGIN_LABELS[origin], basis };
}

/** An entered value is labelled by who typed it (the athlete unless recorded otherwise). */
function enteredOrigin(e: EnteredPhysiology, key: PhysiologyKey): PhysiologyOrigin {
  const by = e.enteredBy?.[key];
  return by === 'coach' ? 'enteredByCoach' : by === 'strava' ? 'fromStrava' : 'enteredByAthlete';
}

function inRange(x: unknown, range: readonly [number, number]): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= range[0] && x <= range[1];
}

function given(x: unknown): boolean {
  return x !== undefined && x !== null;
}

/** Sessions with heart rate needed before an observed peak below the age formula is believed. */
export const MIN_HR_ACTIVITIES_FOR_OBSERVED_MAX = 10;

function resolveHrMax(e: EnteredPhysiology, o: PhysiologyObservations, age: number | null, notes: string[]) {
  if (inRange(e.hrMaxBpm, PLAUSIBLE_RANGES.hrMaxBpm))
    return resolved(e.hrMaxBpm, enteredOrigin(e, 'hrMaxBpm'), 'entered maximum HR');
  if (given(e.hrMaxBpm)) notes.push(`Ignored entered maximum heart rate ${String(e.hrMaxBpm)}: implausible.`);
  const tanakaBpm = age === null ? null : TANAKA_INTERCEPT_BPM - TANAKA_SLOPE_BPM_PER_YEAR * age;
  if (inRange(o.maxHrLast12MonthsBpm, PLAUSIBLE_RANGES.hrMaxBpm)) {
    // A few easy sessions understate HR max, which would inflate every HR-based load: below the age
    // formula, the observed peak is trusted only with enough sessions behind it.
    const enough = (o.hrActivitiesLast12Months ?? 0) >= MIN_HR_ACTIVITIES_FOR_OBSERVED_MAX;
    if (tanakaBpm === null || enough || o.maxHrLast12MonthsBpm >= tanakaBpm) {
      return resolved(o.maxHrLast12MonthsBpm, 'hrData', 'highest heart rate held 5 s in the last 12 months');
    }
    notes.push(
      `Observed maximum heart rate ${o.maxHrLast12MonthsBpm} comes from fewer than ${MIN_HR_ACTIVITIES_FOR_OBSERVED_MAX} sessions and is below the age estimate; using the age estimate.`,
    );
  }
  if (tanakaBpm !== null) {
    return resolved(tanakaBpm, 'ageFormula', `Tanaka: 208 - 0.7 x age ${age}`);
  }
  return resolved(DEFAULT_HR_MAX_BPM, 'default', 'default maximum HR');
}

function resolveHrRest(e: EnteredPhysiology, o: PhysiologyObservations, hrMaxBpm: number, notes: string[]) {
  const range: [number, number] = [
    PLAUSIBLE_RANGES.hrRestBpm[0],
    Math.min(PLAUSIBLE_RANGES.hrRestBpm[1], hrMaxBpm - 10),
  ];
  if (inRange(e.hrRestBpm, range))
    return resolved(e.hrRestBpm, enteredOrigin(e, 'hrRestBpm'), 'entered resting HR');
  if (given(e.hrRestBpm))
    notes.push(`Ignored entered resting heart rate ${String(e.hrRestBpm)}: implausible.`);
  if (inRange(o.restingHrBpm, range))
    return resolved(o.restingHrBpm, 'wearable', 'resting HR from your wearable');
  return resolved(DEFAULT_HR_REST_BPM, 'default', 'default resting HR');
}

function resolveLthr(
  e: EnteredPhysiology,
  o: PhysiologyObservations,
  max: ResolvedValue<number>,
  rest: ResolvedValue<number>,
  notes: string[],
): ResolvedValue<number> {
  const range: [number, number] = [rest.value + 1, max.value];
  if (inRange(e.lthrBpm, range))
    return resolved(e.lthrBpm, enteredOrigin(e, 'lthrBpm'), 'entered threshold HR');
  if (given(e.lthrBpm))
    notes.push(`Ignored entered threshold heart rate ${String(e.lthrBpm)}: not between resting and maximum.`);
  if (inRange(o.lthrFromTestBpm, range))
    return resolved(o.lthrFromTestBpm, 'hrData', 'threshold HR from a test effort');
  const bpm = rest.value + LTHR_HRR_FRACTION * (max.value - rest.value);
  const origin = max.source === 'default' && rest.source === 'default' ? 'default' : 'hrFormula';
  return resolved(bpm, origin, 'resting HR + 0.85 x (maximum - resting)');
}

function resolveFtp(e: EnteredPhysiology, o: PhysiologyObservations, notes: string[]) {
  if (inRange(e.ftpW, PLAUSIBLE_RANGES.ftpW))
    return resolved(e.ftpW, enteredOrigin(e, 'ftpW'), 'entered FTP');
  if (given(e.ftpW)) notes.push(`Ignored entered FTP ${String(e.ftpW)}: implausible.`);
  const best = o.best20MinPowerW;
  if (typeof best === 'number' && inRange(best * FTP_FROM_BEST_20_MIN_FACTOR, PLAUSIBLE_RANGES.ftpW)) {
    return resolved(best * FTP_FROM_BEST_20_MIN_FACTOR, 'powerData', '0.95 x best 20-minute power');
  }
  return null;
}

function resolvePace(e: EnteredPhysiology, o: PhysiologyObservations, notes: string[]) {
  const range = PLAUSIBLE_RANGES.thresholdPaceSPerKm;
  if (inRange(e.thresholdPaceSPerKm, range))
    return resolved(e.thresholdPaceSPerKm, enteredOrigin(e, 'thresholdPaceSPerKm'), 'entered threshold pace');
  if (given(e.thresholdPaceSPerKm))
    notes.push(`Ignored entered threshold pace ${String(e.thresholdPaceSPerKm)}: implausible.`);
  if (inRange(o.bestThresholdPaceSPerKm, range)) {
    return resolved(o.bestThresholdPaceSPerKm, 'paceData', 'best pace held for 45-60 minutes');
  }
  return null;
}

function resolveSwimPace(e: EnteredPhysiology, o: PhysiologyObservations, notes: string[]) {
  const range = PLAUSIBLE_RANGES.thresholdSwimPaceSPer100m;
  const entered = e.thresholdSwimPaceSPer100m;
  if (inRange(entered, range))
    return resolved(entered, enteredOrigin(e, 'thresholdSwimPaceSPer100m'), 'entered threshold swim pace');
  if (given(entered)) notes.push(`Ignored entered threshold swim pace ${String(entered)}: implausible.`);
  if (inRange(o.bestSwimPaceSPer100m, range)) {
    return resolved(o.bestSwimPaceSPer100m, 'paceData', 'best average pace of a 20-60 minute swim');
  }
  return null;
}

function resolveHrLoadModel(e: EnteredPhysiology): ResolvedValue<HrLoadModel> {
  const m = e.hrLoadModel;
  if (m === 'edwards' || m === 'zonal' || m === 'banister')
    return resolved(m, enteredOrigin(e, 'hrLoadModel'), 'chosen heart-rate load model');
  return resolved<HrLoadModel>('banister', 'default', 'Banister TRIMP (HRSS), the default');
}

/** Strava-style zones are usable when there are at least two, with finite, strictly rising lower bounds. */
function usableZones(zones: unknown): zones is HrZone[] {
  if (!Array.isArray(zones) || zones.length < 2) return false;
  const mins = zones.map((z: unknown) =>
    typeof z === 'object' && z !== null ? (z as HrZone).minBpm : Number.NaN,
  );
  return mins.every((m, i) => Number.isFinite(m) && (i === 0 || m > mins[i - 1]!));
}

/** Strava marks the open top zone with max -1. */
function normalizeZone(z: HrZone): HrZone {
  return { minBpm: z.minBpm, maxBpm: typeof z.maxBpm === 'number' && z.maxBpm > 0 ? z.maxBpm : null };
}

function resolveSex(e: EnteredPhysiology): ResolvedValue<Sex> {
  if (e.sex === 'male' || e.sex === 'female') return resolved(e.sex, enteredOrigin(e, 'sex'), 'entered sex');
  return resolved<Sex>('unknown', 'default', 'not given: male TRIMP constants are used');
}

function ageFrom(birthYear: unknown, todayLocalDate: string): number | null {
  const year = Number(/^(\d{4})-/.exec(todayLocalDate)?.[1]);
  if (!Number.isFinite(year) || typeof birthYear !== 'number' || !Number.isInteger(birthYear)) return null;
  const age = year - birthYear;
  return age >= 5 && age <= 110 ? age : null;
}

/**
 * Fills each value from: entered > observed (estimated) > age formula (estimated) > default. FTP and
 * threshold pace have no default (null: their methods are skipped). Implausible entries are ignored and
 * listed in `notes`. Age is calendar year minus birth year (birthdays are not known).
 */
export function resolvePhysiology(
  entered: EnteredPhysiology,
  observations: PhysiologyObservations,
  todayLocalDate: string,
): ResolvedPhysiology {
  const notes: string[] = [];
  const age = ageFrom(entered.birthYear, todayLocalDate);
  if (given(entered.birthYear) && age === null)
    notes.push(`Ignored birth year ${String(entered.birthYear)}: implausible.`);
  const hrMaxBpm = resolveHrMax(entered, observations, age, notes);
  const hrRestBpm = resolveHrRest(entered, observations, hrMaxBpm.value, notes);
  const lthrBpm = resolveLthr(entered, observations, hrMaxBpm, hrRestBpm, notes);
  const zoneOrigin = lthrBpm.source === 'default' ? 'default' : 'lthrFormula';
  const hrZones = usableZones(entered.hrZones)
    ? resolved(entered.hrZones.map(normalizeZone), enteredOrigin(entered, 'hrZones'), 'your HR zones')
    : resolved(zonesFromLthr(lthrBpm.value), zoneOrigin, 'zones at 68/83/94/105 % of threshold HR');
  return {
    hrMaxBpm,
    hrRestBpm,
    lthrBpm,
    ftpW: resolveFtp(entered, observations, notes),
    thresholdPaceSPerKm: resolvePace(entered, observations, notes),
    thresholdSwimPaceSPer100m: resolveSwimPace(entered, observations, notes),
    hrLoadModel: resolveHrLoadModel(entered),
    sex: resolveSex(entered),
    birthYear:
      age === null
        ? null
        : resolved(entered.birthYear as number, enteredOrigin(entered, 'birthYear'), 'entered birth year'),
    hrZones,
    notes,
  };
}
