/** What every load method reads: the sanitized summary, the cleaned streams and the resolved physiology. */
import type { ActivityInput } from '../activity';
import { cleanStreams, type CleanedStreams } from './clean-streams';
import type { PhysiologyKey, ResolvedPhysiology, ResolvedValue } from './physiology-types';
import type { HrPhysiology } from './trimp';
import type {
  ActivityMetrics,
  Confidence,
  DurationSource,
  FallbackCode,
  LoadInputs,
  LoadMethod,
  UsedPhysiologyValue,
} from './types';

export interface LoadContext {
  sportType: string;
  cleaned: CleanedStreams | null;
  physiology: ResolvedPhysiology;
  hr: HrPhysiology;
  summaryDurationS: number;
  summaryDurationSource: DurationSource;
  averageHrBpm: number | null;
  distanceM: number | null;
  elapsedTimeS: number | null;
  weightedAveragePowerW: number | null;
  deviceWatts: boolean;
  rpe: number | null;
  /** Filled in by the methods as they compute; every metric we could get, whatever load wins. */
  metrics: ActivityMetrics;
}

export type MethodOutcome =
  | { ok: true; load: number; confidence: Confidence; inputs: LoadInputs; method?: LoadMethod }
  | { ok: false; code: FallbackCode; detail: string };

/** A finite number or null: the summary is runtime data and may hold anything. */
export function finiteOrNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

export function emptyMetrics(durationLoad: number): ActivityMetrics {
  return {
    trimp: null,
    trimpSource: null,
    hrss: null,
    hrCoverage: null,
    timeInHrZonesS: null,
    hrZonesSource: null,
    normalizedPowerW: null,
    normalizedPowerSource: null,
    intensityFactor: null,
    powerTss: null,
    gradeAdjustedSpeedMps: null,
    runningIntensity: null,
    runningStress: null,
    swimStress: null,
    zoneTrimp: null,
    sessionRpeLoad: null,
    durationLoad,
    observedMaxHrBpm: null,
  };
}

/** Builds the context; moving time falls back to elapsed time, then to 0 ('none'). */
export function buildLoadContext(activity: ActivityInput, physiology: ResolvedPhysiology): LoadContext {
  const s = activity.summary;
  const sportType = typeof s.sportType === 'string' ? s.sportType : 'Other';
  const moving = finiteOrNull(s.movingTimeS);
  const elapsed = finiteOrNull(s.elapsedTimeS);
  const [summaryDurationS, summaryDurationSource]: [number, DurationSource] =
    moving !== null && moving > 0
      ? [moving, 'movingTime']
      : elapsed !== null && elapsed > 0
        ? [elapsed, 'elapsedTime']
        : [0, 'none'];
  const streams = activity.streams;
  return {
    sportType,
    cleaned: streams && typeof streams === 'object' ? cleanStreams(streams, sportType) : null,
    physiology,
    hr: {
      hrMaxBpm: physiology.hrMaxBpm.value,
      hrRestBpm: physiology.hrRestBpm.value,
      lthrBpm: physiology.lthrBpm.value,
      sex: physiology.sex.value,
    },
    summaryDurationS,
    summaryDurationSource,
    averageHrBpm: finiteOrNull(s.averageHeartrateBpm),
    distanceM: finiteOrNull(s.distanceM),
    elapsedTimeS: elapsed,
    weightedAveragePowerW: finiteOrNull(s.weightedAveragePowerW),
    deviceWatts: s.deviceWatts === true,
    rpe: finiteOrNull(s.rpe),
    metrics: emptyMetrics(0),
  };
}

export function used(key: PhysiologyKey, v: ResolvedValue<number | string>): UsedPhysiologyValue {
  return { key, value: v.value, source: v.source };
}

const LOWER: Record<Confidence, Confidence> = { high: 'medium', medium: 'low', low: 'low' };

/** A method that leaned on a default threshold is one confidence step less sure. */
export function confidenceWith(base: Confidence, inputs: readonly UsedPhysiologyValue[]): Confidence {
  return inputs.some((i) => i.source === 'default' && i.key !== 'sex') ? LOWER[base] : base;
}
