/**
 * Every pinned constant of the training-load engine, each with its source. The conventions table of
 * /work/shared/reference/training-science.md is binding; docs/training-load-model.md explains each value.
 */

/** Banister TRIMP constants (Morton, Fitz-Clarke & Banister 1990). Unknown sex uses the male pair. */
export const TRIMP_CONSTANTS = {
  male: { a: 0.64, b: 1.92 },
  female: { a: 0.86, b: 1.67 },
} as const;

/** Runalyze plausibility caps: a TRIMP above either is treated as a data error, not a hard session. */
export const MAX_TRIMP_PER_HOUR = 400;
export const MAX_TRIMP_TOTAL = 10_000;

/** Elevate's default LTHR: HRrest + 0.85 x heart-rate reserve. */
export const LTHR_HRR_FRACTION = 0.85;

/** Elevate athlete defaults, used only when nothing entered or observed exists. */
export const DEFAULT_HR_MAX_BPM = 190;
export const DEFAULT_HR_REST_BPM = 65;

/** Tanaka, Monahan & Seals 2001: HRmax = 208 - 0.7 x age. */
export const TANAKA_INTERCEPT_BPM = 208;
export const TANAKA_SLOPE_BPM_PER_YEAR = 0.7;

/** Allen/Coggan field estimate: FTP = 0.95 x best 20-minute mean power. */
export const FTP_FROM_BEST_20_MIN_FACTOR = 0.95;

/** GoldenCheetah default HR zone starts as fractions of LTHR (Z1..Z5). */
export const LTHR_ZONE_STARTS = [0, 0.68, 0.83, 0.94, 1.05] as const;

/** Coggan NP: 30-second rolling mean, first window ends at 30 s. */
export const NP_WINDOW_S = 30;

/** Minetti 2002 running cost polynomial is fitted on gradients -0.45..+0.45. */
export { MINETTI_GRADE_LIMIT } from './minetti';

/** Session RPE on the load scale: an hour at RPE 7 = 100, i.e. RPE x minutes x 100 / (7 x 60). */
export const SESSION_RPE_SCALE = 100 / (7 * 60);

/**
 * Load per hour by sport when nothing but duration is known. [CODE, hobby project, low authority]
 * Values not in the reference (rowing, strength, yoga, ski) are our placeholders: see the model doc.
 */
export const SPORT_DEFAULT_LOAD_PER_HOUR: Readonly<Record<string, number>> = {
  Run: 65,
  TrailRun: 65,
  VirtualRun: 65,
  Ride: 55,
  GravelRide: 55,
  MountainBikeRide: 55,
  EBikeRide: 35,
  VirtualRide: 60,
  Walk: 30,
  Hike: 45,
  Swim: 70,
  Rowing: 60,
  VirtualRow: 60,
  NordicSki: 60,
  WeightTraining: 40,
  Workout: 50,
  Crossfit: 60,
  Yoga: 20,
};
export const OTHER_SPORT_LOAD_PER_HOUR = 50;

/** Sports whose `deviceWatts` power feeds power TSS (a cycling FTP means nothing for a run). */
export const RIDE_SPORTS: ReadonlySet<string> = new Set([
  'Ride',
  'VirtualRide',
  'GravelRide',
  'MountainBikeRide',
  'EBikeRide',
]);

/** Sports scored by grade-adjusted running stress when speed, grade and a threshold pace exist. */
export const FOOT_SPORTS: ReadonlySet<string> = new Set(['Run', 'TrailRun', 'Hike', 'Walk']);

/** Performance Management Chart: EWMA time constants in days and k = 1 - exp(-1/tau). */
export const CTL_TAU_DAYS = 42;
export const ATL_TAU_DAYS = 7;
export const CTL_K = 1 - Math.exp(-1 / CTL_TAU_DAYS);
export const ATL_K = 1 - Math.exp(-1 / ATL_TAU_DAYS);

/** Williams 2017 EWMA ACWR: lambda = 2 / (N + 1), N = 7 and 28. */
export const ACUTE_LAMBDA = 2 / (7 + 1);
export const CHRONIC_LAMBDA = 2 / (28 + 1);

/** The series is "calibrating" until this many days of history exist. */
export const CALIBRATION_DAYS = 42;

/** Foster monotony/strain window and the Runalyze/Fellrnr cap. */
export const MONOTONY_WINDOW_DAYS = 7;
export const MONOTONY_CAP = 10;

/** Ramp rate: CTL change over this many days (GoldenCheetah uses the ATL time constant, 7). */
export const RAMP_WINDOW_DAYS = 7;

/** Elevate's OPTIMAL zone (-30 < TSB <= -10): the default target band for "today's load range". */
export const PRODUCTIVE_FORM_BAND = { minTsb: -30, maxTsb: -10 } as const;

/** Version of the load model stored with every computed activity; bump when a formula or constant changes. */
export const LOAD_MODEL_VERSION = 'load-v2';
// load-v2 (issue 16): physiology unrounded, swim stress slot, selectable zone TRIMP. Rows computed by v1
// keep 'load-v1+...' in activity_metric.model_version, so older numbers can be told apart.
