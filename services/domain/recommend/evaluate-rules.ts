import {
  ALERT_RULES,
  HARD_SESSION_WINDOW_H,
  isRace,
  meetsThreshold,
  parseAlertSettings,
  thresholdFor,
  type AlertRule,
  type AlertSettings,
} from './rules';
import type { Alert, AlertKey, BodyAreaId, RecommendationContext, RecentActivity, RuleId } from './types';

/** The natural key as one string: `athleteId|ruleId|bodyArea|localDate`. */
export function alertKeyString(key: AlertKey): string {
  return [key.athleteId, key.ruleId, key.bodyArea, key.localDate].join('|');
}

/**
 * Every alert that holds for `context` under `settings` (validated here; throws a ZodError on bad overrides).
 *
 * Pure and deterministic: the same input gives the same alerts in the same order (sorted by `keyString`).
 * Keys are natural, so after data changes the caller diffs the new set against the pending one and cancels the
 * keys that no longer hold. Disabled rules and, while calibrating, rules that need 42 days of history, yield
 * nothing. Ratios with an unknown (<= 0) denominator and null metrics never fire.
 */
export function evaluateRules(context: RecommendationContext, settings: AlertSettings = {}): Alert[] {
  const parsed = parseAlertSettings(settings);
  const disabled = new Set<RuleId>(parsed.disabledRules ?? []);
  const alerts: Alert[] = [];
  for (const rule of ALERT_RULES) {
    if (disabled.has(rule.id)) continue;
    if (context.training.calibrating && !rule.mayFireWhileCalibrating) continue;
    alerts.push(...alertsForRule(rule, context, thresholdFor(rule.id, parsed)));
  }
  return alerts.sort((a, b) => (a.keyString < b.keyString ? -1 : a.keyString > b.keyString ? 1 : 0));
}

function alertsForRule(rule: AlertRule, context: RecommendationContext, threshold: number): Alert[] {
  switch (rule.id) {
    case 'area-strain':
      return areaStrainAlerts(rule, context, threshold);
    case 'hard-session':
      return hardSessionAlerts(rule, context, threshold);
    case 'form-low':
      return athleteAlert(rule, context, threshold, context.training.tsb);
    case 'load-spike':
      return athleteAlert(rule, context, threshold, context.training.acuteChronicRatio);
    case 'monotony':
      return athleteAlert(rule, context, threshold, context.training.monotony);
  }
}

interface AlertFacts {
  bodyArea: BodyAreaId | '-';
  localDate: string;
  value: number;
  trigger: Alert['trigger'];
  activityId: string | null;
  numbers: Record<string, number>;
}

function buildAlert(
  rule: AlertRule,
  context: RecommendationContext,
  threshold: number,
  facts: AlertFacts,
): Alert {
  const key: AlertKey = {
    athleteId: context.athleteId,
    ruleId: rule.id,
    bodyArea: facts.bodyArea,
    localDate: facts.localDate,
  };
  return {
    key,
    keyString: alertKeyString(key),
    ruleId: rule.id,
    value: facts.value,
    threshold,
    unit: rule.unit,
    trigger: facts.trigger,
    activityId: facts.activityId,
    numbers: facts.numbers,
  };
}

/**
 * Below this projected soreness load (AU) an area is never "well above its usual": ratios of tiny numbers
 * (a near-empty baseline) would otherwise read as thousands of times the usual load.
 */
export const MIN_AREA_SORENESS_AU = 1;

function areaStrainAlerts(rule: AlertRule, context: RecommendationContext, threshold: number): Alert[] {
  return context.areas.flatMap((strain) => {
    if (!(strain.baselineAu > 0) || !(strain.projectedSorenessAu >= MIN_AREA_SORENESS_AU)) return [];
    if (!Number.isFinite(strain.projectedSorenessAu)) return [];
    const ratio = strain.projectedSorenessAu / strain.baselineAu;
    if (!Number.isFinite(ratio) || !meetsThreshold(rule.comparator, ratio, threshold)) return [];
    return [
      buildAlert(rule, context, threshold, {
        bodyArea: strain.area,
        localDate: context.localDate,
        value: ratio,
        trigger: 'threshold',
        activityId: strain.mainActivityId ?? null,
        numbers: { projectedSorenessAu: strain.projectedSorenessAu, baselineAu: strain.baselineAu },
      }),
    ];
  });
}

/** One alert per activity day: the race if there is one, else the day's highest-load activity. */
function hardSessionAlerts(rule: AlertRule, context: RecommendationContext, threshold: number): Alert[] {
  const byDay = new Map<string, RecentActivity>();
  for (const activity of context.recentActivities) {
    if (!(activity.sinceEndH >= 0 && activity.sinceEndH <= HARD_SESSION_WINDOW_H)) continue;
    const race = isRace(activity.sportType, activity.workoutType);
    if (!race && !meetsThreshold(rule.comparator, activity.loadAu, threshold)) continue;
    const current = byDay.get(activity.localDate);
    if (!current || outranks(activity, current)) byDay.set(activity.localDate, activity);
  }
  return [...byDay.values()].map((activity) => {
    const race = isRace(activity.sportType, activity.workoutType);
    return buildAlert(rule, context, threshold, {
      bodyArea: '-',
      localDate: activity.localDate,
      value: activity.loadAu,
      trigger: race && !meetsThreshold(rule.comparator, activity.loadAu, threshold) ? 'race' : 'threshold',
      activityId: activity.activityId,
      numbers: { loadAu: activity.loadAu, sinceEndH: activity.sinceEndH, isRace: race ? 1 : 0 },
    });
  });
}

function outranks(a: RecentActivity, b: RecentActivity): boolean {
  const raceA = isRace(a.sportType, a.workoutType);
  const raceB = isRace(b.sportType, b.workoutType);
  if (raceA !== raceB) return raceA;
  if (a.loadAu !== b.loadAu) return a.loadAu > b.loadAu;
  return a.activityId < b.activityId;
}

function athleteAlert(
  rule: AlertRule,
  context: RecommendationContext,
  threshold: number,
  value: number | null,
): Alert[] {
  if (value === null || !Number.isFinite(value)) return [];
  if (!meetsThreshold(rule.comparator, value, threshold)) return [];
  return [
    buildAlert(rule, context, threshold, {
      bodyArea: '-',
      localDate: context.localDate,
      value,
      trigger: 'threshold',
      activityId: null,
      numbers: {},
    }),
  ];
}
