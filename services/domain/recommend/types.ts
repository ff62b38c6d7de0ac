/**
 * Input and output shapes of the recommendation domain. The lead maps load-engine and strain-model results to
 * `RecommendationContext`; only the body-area list comes from the strain model. Loads are on the project's one scale (an hour at
 * threshold = 100, "AU"); every number carries its unit in its name.
 */
import type { SportType } from '../activity';
import { BODY_AREAS, BODY_AREA_LABELS, type BodyArea } from '../strain/body-areas';

// One list of body areas for the whole domain: the strain model owns it.
export const BODY_AREA_IDS = BODY_AREAS;
export type BodyAreaId = BodyArea;
export { BODY_AREA_LABELS };

/** One recent activity (the lead passes the last ~7 days). */
export interface RecentActivity {
  activityId: string;
  sportType: SportType;
  /** Athlete-local calendar day the activity started, `YYYY-MM-DD`. */
  localDate: string;
  /** Hours from the end of the activity to the evaluation instant ("now"); >= 0. */
  sinceEndH: number;
  /** The activity's load (power TSS > rTSS > HRSS > sRPE ...), AU. */
  loadAu: number;
  /** Strava `workout_type`: 1 = race for runs, 11 = race for rides. */
  workoutType?: number | null;
  /** Total descent in metres (or the elevation gain for loops), when known. */
  descentM?: number | null;
}

/** Per-area strain estimate from the strain model. */
export interface AreaStrain {
  area: BodyAreaId;
  /** Projected soreness estimate S(now + 24 h), AU. */
  projectedSorenessAu: number;
  /**
   * The area's usual soreness level on the same scale as `projectedSorenessAu` (the strain model's
   * `baselineSorenessAu`: 28-day mean daily damage load x the soreness curve's area), AU; <= 0 means unknown.
   */
  baselineAu: number;
  /** The activity that contributed most to the projection, if known (must be in `recentActivities`). */
  mainActivityId?: string | null;
}

/** A race the athlete entered (Strava has no planned-event API). */
export interface PlannedRace {
  /** Athlete-local race day, `YYYY-MM-DD`. */
  localDate: string;
  /** A = key race, B = important, C = training race. */
  priority: 'A' | 'B' | 'C';
}

/** Fitness/fatigue state for the evaluation day; null = not computable. */
export interface TrainingState {
  /** True until 42 days of history exist; fitness/form rules stay silent meanwhile. */
  calibrating: boolean;
  /** Form (TSB) the athlete starts the day with. */
  tsb: number | null;
  /** EWMA acute:chronic ratio (7 d / 28 d); null when chronic is 0. */
  acuteChronicRatio: number | null;
  /** Foster monotony over the last 7 days (capped at 10). */
  monotony: number | null;
  /** Days of known history (DailyPoint.historyDay); drives "calibrating: n of 42 days". */
  historyDays?: number | null;
}

/** Everything the rules and the composer need, and nothing else. */
export interface RecommendationContext {
  athleteId: string;
  /** Athlete-local evaluation day, `YYYY-MM-DD`. */
  localDate: string;
  training: TrainingState;
  areas: readonly AreaStrain[];
  recentActivities: readonly RecentActivity[];
  /** Future (and today's) races; past ones are ignored. */
  races: readonly PlannedRace[];
  /** Athlete-set flags: either one pauses massage suggestions. */
  health: { injured: boolean; ill: boolean };
  /** Areas the athlete reports as recurrently tight (used only in maintenance weeks). */
  tightAreas?: readonly BodyAreaId[];
}

export type RuleId = 'area-strain' | 'hard-session' | 'form-low' | 'load-spike' | 'monotony';

/** Natural key of an alert: stable across re-evaluations of the same facts. */
export interface AlertKey {
  athleteId: string;
  ruleId: RuleId;
  bodyArea: BodyAreaId | '-';
  /** The evaluation day; for 'hard-session' the activity's local day. */
  localDate: string;
}

/** One rule that holds, with the numbers behind it. */
export interface Alert {
  key: AlertKey;
  /** `athleteId|ruleId|bodyArea|localDate`: diff these to cancel pending alerts. */
  keyString: string;
  ruleId: RuleId;
  /** The measured value compared with `threshold`, in `unit`. */
  value: number;
  threshold: number;
  unit: RuleUnit;
  /** 'race' when a hard-session alert fired because of Strava's race flag. */
  trigger: 'threshold' | 'race';
  /** The activity behind the alert, if any. */
  activityId: string | null;
  /** Extra numbers, e.g. { projectedSorenessAu, baselineAu } or { loadAu, sinceEndH }. */
  numbers: Readonly<Record<string, number>>;
}

export type RuleUnit = 'ratio' | 'AU' | 'TSB';
