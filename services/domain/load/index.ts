/**
 * Training-load engine: pure functions from activities and athlete physiology to per-activity loads and a
 * daily fitness/fatigue/form series. Workers call:
 * - per athlete: resolvePhysiology(entered, observations, today);
 * - per activity: computeActivityLoad(activity, physiology) -> store load, method, confidence, metrics;
 * - per athlete series: buildDailySeries(entries, { lastDate }) or extendDailySeries(stored, entriesFromD, ...);
 * - for the dashboard/notifier: restDaysToFreshness(todayPoint), todayLoadRange(yesterdayPoint).
 * See docs/training-load-model.md.
 */
export { computeActivityLoad } from './activity-load';
export { FIGURE_HISTORY_DAYS, calibrationOf, type CalibratedFigure, type Calibration } from './calibration';
export {
  FORM_ZONES,
  FORM_ZONE_IDS,
  FORM_ZONE_SOURCE,
  formZoneOf,
  type FormZone,
  type FormZoneId,
} from './form-zones';
export {
  PRESCRIPTION_DEFAULTS,
  loadPerMinuteAtHr,
  prescribeLoad,
  type PrescriptionKind,
  type PrescriptionOption,
} from './prescription';
export { SWIM_SPORTS } from './swim-method';
export { swimStress, thresholdSwimSpeedMpm, type SwimStress } from './swim-stress';
export {
  EDWARDS_ZONES,
  ZONAL_TRIMP_ZONES,
  zoneTrimpFromAverageHr,
  zoneTrimpFromStream,
  zoneTrimpLoad,
  zoneTrimpOfHourAtLthr,
  zoneTrimpPerMinute,
  type ZoneTrimpModel,
} from './zone-trimp';
export { cleanStreams, type CleanedStreams } from './clean-streams';
export * from './constants';
export {
  buildDailySeries,
  extendDailySeries,
  type DailyLoadEntry,
  type DailyPoint,
  type DailySeriesOptions,
  type DailySeriesResult,
} from './daily-series';
export * from './explanations';
export { timeInHrZonesFromAverage, timeInHrZonesFromStream, zoneIndexOf, zonesFromLthr } from './hr-zones';
export { addDays, localDateOf } from './local-date';
export { maxHrOverLast12Months, observedMaxHrBpm } from './observed-max-hr';
export type * from './physiology-types';
export { HR_LOAD_MODELS } from './physiology-types';
export { bestMeanPowerW, intensityFactor, normalizedPower, powerAtOneHz, powerTss } from './power-stress';
export {
  gradeAdjustedPace,
  minettiWalkingCost,
  minettiWalkingCostRatio,
  paceForEffortAtGrade,
} from './minetti';
export { recoveryWindowOf } from './recovery-window';
export {
  restDaysToFreshness,
  todayLoadRange,
  type FitnessState,
  type FormBand,
  type TodayLoadRange,
} from './recovery-figures';
export { PLAUSIBLE_RANGES, resolvePhysiology } from './resolve-physiology';
export {
  gradeAdjustedSpeed,
  minettiCostRatio,
  minettiRunningCost,
  runningStress,
  thresholdSpeedMps,
} from './running-stress';
export {
  durationLoad,
  sessionRpeArbitraryUnits,
  sessionRpeLoad,
  sportDefaultLoadPerHour,
} from './simple-load';
export {
  hrReserveFraction,
  hrssFromTrimp,
  trimpConstants,
  trimpFromAverageHr,
  trimpFromStream,
  trimpOfHourAtLthr,
  trimpPerMinute,
  type HrPhysiology,
} from './trimp';
export * from './types';
