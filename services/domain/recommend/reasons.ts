/**
 * One plain-English reason per alert, with the numbers behind it. Activity titles are never quoted (they are
 * athlete-controlled); activities are named by day and sport or descent. Ratios have one decimal, loads none.
 */
import { activityPhrase, formatInt, formatLoad, formatRatio } from './format';
import { BODY_AREA_LABELS, type Alert, type BodyAreaId, type RecommendationContext } from './types';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function activityFor(context: RecommendationContext, alert: Alert) {
  return context.recentActivities.find((activity) => activity.activityId === alert.activityId) ?? null;
}

function areaReason(context: RecommendationContext, alert: Alert): string {
  const area = alert.key.bodyArea as BodyAreaId;
  const label = BODY_AREA_LABELS[area];
  const their = area === 'lowerBack' ? 'its' : 'their';
  const activity = activityFor(context, alert);
  const where = activity ? `on ${activityPhrase(activity, context.localDate, area)}` : 'over recent sessions';
  const soreness = formatLoad(alert.numbers.projectedSorenessAu ?? 0);
  const usual = formatLoad(alert.numbers.baselineAu ?? 0);
  return (
    `Your ${label} took about ${formatRatio(alert.value)} times ${their} usual load ${where} ` +
    `(estimated soreness load ${soreness} tomorrow vs a usual ${usual}).`
  );
}

function hardSessionReason(context: RecommendationContext, alert: Alert): string {
  const activity = activityFor(context, alert);
  const what = activity ? capitalise(activityPhrase(activity, context.localDate)) : 'A recent session';
  const load = formatInt(alert.value);
  if (alert.numbers.isRace === 1) {
    return `${what} was a race, with an estimated training load of ${load} (an hour at threshold is 100).`;
  }
  return (
    `${what} had an estimated training load of ${load} (an hour at threshold is 100); sessions of ` +
    `${formatInt(alert.threshold)} or more usually leave some fatigue for more than 2 days.`
  );
}

/** Plain-words reason for one alert. */
export function reasonFor(context: RecommendationContext, alert: Alert): string {
  switch (alert.ruleId) {
    case 'area-strain':
      return areaReason(context, alert);
    case 'hard-session':
      return hardSessionReason(context, alert);
    case 'form-low':
      return (
        `Your form (TSB) is ${formatInt(alert.value)}, at or below ${formatInt(alert.threshold)}: ` +
        'your recent fatigue is well above your fitness.'
      );
    case 'load-spike':
      return (
        `Your recent training load is about ${formatRatio(alert.value)} times your usual ` +
        `(a load spike, at or above ${formatRatio(alert.threshold)}): a large, rapid increase in load.`
      );
    case 'monotony':
      return (
        `Your training days this week have been very alike (monotony ${formatRatio(alert.value)}, ` +
        `above ${formatRatio(alert.threshold)}); mixing easier and harder days is usually advised.`
      );
  }
}

/** Reasons in a stable order: strained areas (highest first), sessions, then athlete-level rules. */
export function reasonsFor(context: RecommendationContext, alerts: readonly Alert[]): string[] {
  const rank: Record<Alert['ruleId'], number> = {
    'area-strain': 0,
    'hard-session': 1,
    'form-low': 2,
    'load-spike': 3,
    monotony: 4,
  };
  const ordered = [...alerts].sort(
    (a, b) => rank[a.ruleId] - rank[b.ruleId] || b.value - a.value || a.keyString.localeCompare(b.keyString),
  );
  return ordered.map((alert) => reasonFor(context, alert));
}
