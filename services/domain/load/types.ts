/**
 * Result shapes of the per-activity load engine. All loads are on one scale: an hour at threshold = 100.
 */
import type { PhysiologyKey, PhysiologySource } from './physiology-types';

/** The load methods, in the pinned order of preference (first available wins). */
export const LOAD_METHOD_ORDER = [
  'powerTss',
  'runningStress',
  'swimStress',
  'hrssStream',
  'hrssAverage',
  'sessionRpe',
  'duration',
] as const;
export type LoadSlot = (typeof LOAD_METHOD_ORDER)[number];
/**
 * The method stored with a load: the slot's name, except that the heart-rate slots record the chosen
 * zone model (Edwards or weighted zones) when the athlete or coach picked one instead of Banister's HRSS.
 */
export const ZONE_TRIMP_METHODS = ['edwardsStream', 'edwardsAverage', 'zonalStream', 'zonalAverage'] as const;
export type LoadMethod = LoadSlot | (typeof ZONE_TRIMP_METHODS)[number];

export type Confidence = 'high' | 'medium' | 'low';

/** Why a method was skipped; stable codes, explained in FALLBACK_EXPLANATIONS. */
export type FallbackCode =
  | 'notARide'
  | 'noDeviceWatts'
  | 'noFtp'
  | 'noPower'
  | 'powerMostlyInvalid'
  | 'tooShortForNp'
  | 'notAFootSport'
  | 'noSpeedOrGrade'
  | 'speedMostlyInvalid'
  | 'noThresholdPace'
  | 'notASwim'
  | 'noSwimDistance'
  | 'noThresholdSwimPace'
  | 'noHrStream'
  | 'hrMostlyInvalid'
  | 'noAverageHr'
  | 'implausibleHr'
  | 'implausibleTrimp'
  | 'noRpe'
  | 'rpeOutOfRange'
  | 'zeroDuration'
  | 'internalError';

export interface FallbackReason {
  method: LoadSlot;
  code: FallbackCode;
  /** Short technical detail for logs and support ("valid HR for 31 % of moving time"). */
  detail: string;
}

/** One physiology value the chosen method used, with where it came from. */
export interface UsedPhysiologyValue {
  key: PhysiologyKey;
  value: number | string;
  source: PhysiologySource;
}

export type DurationSource = 'streams' | 'movingTime' | 'elapsedTime' | 'none';

export interface LoadInputs {
  durationS: number;
  durationSource: DurationSource;
  physiology: UsedPhysiologyValue[];
  /** Which Banister constants were applied, when a heart-rate method was used. */
  trimpSex?: 'male' | 'female';
  /** Method-specific numbers, named with units (normalizedPowerW, intensityFactor, rpe, loadPerHour...). */
  methodValues: Record<string, number>;
}

/** Every metric we could compute for the activity, whichever method became its load. */
export interface ActivityMetrics {
  trimp: number | null;
  trimpSource: 'stream' | 'averageHr' | null;
  hrss: number | null;
  /** Share of moving time with a valid heart rate (stream only). */
  hrCoverage: number | null;
  timeInHrZonesS: number[] | null;
  hrZonesSource: 'stream' | 'averageHr' | null;
  normalizedPowerW: number | null;
  normalizedPowerSource: 'stream' | 'summaryWeightedAverage' | null;
  intensityFactor: number | null;
  powerTss: number | null;
  gradeAdjustedSpeedMps: number | null;
  runningIntensity: number | null;
  runningStress: number | null;
  swimStress: number | null;
  /** Edwards or weighted-zone TRIMP (minutes x zone weight) when that model was chosen. */
  zoneTrimp: number | null;
  sessionRpeLoad: number | null;
  durationLoad: number;
  /** Highest HR held for 5 s in the cleaned stream: store it for resolvePhysiology. */
  observedMaxHrBpm: number | null;
}

export type CleaningKind =
  | 'lengthMismatch'
  | 'timeInvalid'
  | 'timeBackwards'
  | 'sensorGap'
  | 'paused'
  | 'hrZero'
  | 'hrNonFinite'
  | 'hrOutOfRange'
  | 'hrSpike'
  | 'powerNonFinite'
  | 'powerNegative'
  | 'powerAbsurd'
  | 'speedInvalid'
  | 'gradeInvalid'
  | 'gradeClamped';

export interface CleaningReport {
  inputSamples: number;
  keptSamples: number;
  /** True when there was no usable time stream and 1 Hz was assumed. */
  assumedOneHz: boolean;
  /** Lengths of the streams when they disagreed (all were truncated to the shortest). */
  streamLengths: Record<string, number> | null;
  /** Samples affected, per kind of problem. */
  counts: Record<CleaningKind, number>;
}

export type RecoveryBand = 'low' | 'medium' | 'high' | 'veryHigh';

export interface RecoveryWindow {
  band: RecoveryBand;
  /** Typical hours until the session's fatigue is gone (Allen & Coggan guide, read as 1/2/3/4+ days). */
  typicalRecoveryH: number;
}

export interface ActivityLoadResult {
  /** Athlete-local calendar day (from startDateLocal), YYYY-MM-DD; null when the date is unreadable. */
  localDate: string | null;
  /** The activity's load, never negative, on the "hour at threshold = 100" scale. */
  load: number;
  method: LoadMethod;
  confidence: Confidence;
  inputs: LoadInputs;
  /** Why each earlier method in the pinned order was skipped. */
  fallbackReasons: FallbackReason[];
  metrics: ActivityMetrics;
  /** Null when the activity had no streams. */
  cleaning: CleaningReport | null;
  recovery: RecoveryWindow;
}
