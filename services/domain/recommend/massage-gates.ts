/**
 * Which massage types fit right now (training-science.md 5.2-5.3), from race proximity and recent hard work.
 *
 * - Race within 72 h (3 calendar days, race day included): at most a short, light Swedish massage.
 * - Deep tissue and trigger point only in a maintenance week: no race within 5 days (7 for an A race, after the
 *   practitioners' 5-7 day range), no hard session or race in the last 72 h, no area with high projected soreness.
 */
import { daysBetween } from './format';
import { MASSAGE_TYPES, type MassageType } from './recommendation';
import { HARD_SESSION_WINDOW_H, isRace, ruleById } from './rules';
import type { Alert, PlannedRace, RecommendationContext } from './types';

export const PRE_RACE_LIGHT_ONLY_DAYS = 3;
const DEEP_WORK_BUFFER_DAYS: Readonly<Record<PlannedRace['priority'], number>> = { A: 7, B: 5, C: 5 };

export interface UpcomingRace extends PlannedRace {
  daysUntil: number;
}

export interface MassageGates {
  /** The nearest race today or later (A before B before C on the same day). */
  nextRace: UpcomingRace | null;
  /** The nearest race within `PRE_RACE_LIGHT_ONLY_DAYS`. */
  raceSoon: UpcomingRace | null;
  /** The nearest race inside its deep-work buffer. */
  deepWorkBlockedBy: UpcomingRace | null;
  maintenance: boolean;
  allowedTypes: MassageType[];
  avoidTypes: MassageType[];
}

function upcomingRaces(context: RecommendationContext): UpcomingRace[] {
  return context.races
    .map((race) => ({ ...race, daysUntil: daysBetween(context.localDate, race.localDate) }))
    .filter((race) => race.daysUntil >= 0)
    .sort((a, b) => a.daysUntil - b.daysUntil || a.priority.localeCompare(b.priority));
}

/** A hard session or race ended within 72 h (by alert, or by the default threshold if the rule is off). */
export function hadRecentHardSession(context: RecommendationContext, alerts: readonly Alert[]): boolean {
  if (alerts.some((alert) => alert.ruleId === 'hard-session')) return true;
  const threshold = ruleById('hard-session').defaultThreshold;
  return context.recentActivities.some(
    (activity) =>
      activity.sinceEndH >= 0 &&
      activity.sinceEndH < HARD_SESSION_WINDOW_H &&
      (activity.loadAu >= threshold || isRace(activity.sportType, activity.workoutType)),
  );
}

/** Gates for the current situation; pure. */
export function massageGates(context: RecommendationContext, alerts: readonly Alert[]): MassageGates {
  const races = upcomingRaces(context);
  const raceSoon = races.find((race) => race.daysUntil <= PRE_RACE_LIGHT_ONLY_DAYS) ?? null;
  const deepWorkBlockedBy =
    races.find((race) => race.daysUntil <= DEEP_WORK_BUFFER_DAYS[race.priority]) ?? null;
  const sore = alerts.some((alert) => alert.ruleId === 'area-strain');
  const maintenance = !deepWorkBlockedBy && !sore && !hadRecentHardSession(context, alerts);
  const allowedTypes: MassageType[] = raceSoon
    ? ['swedish']
    : maintenance
      ? [...MASSAGE_TYPES]
      : ['swedish', 'sports'];
  return {
    nextRace: races[0] ?? null,
    raceSoon,
    deepWorkBlockedBy,
    maintenance,
    allowedTypes,
    avoidTypes: MASSAGE_TYPES.filter((type) => !allowedTypes.includes(type)),
  };
}

/** Days before a race of this priority after which deep work is fine again. */
export function deepWorkBufferDays(priority: PlannedRace['priority']): number {
  return DEEP_WORK_BUFFER_DAYS[priority];
}
