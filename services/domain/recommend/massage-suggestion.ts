/**
 * Picks the one massage to suggest (training-science.md 5.3) before race gating:
 * - area strain (high projected soreness): moderate sports massage, 30-45 min, 24-72 h after the session;
 * - hard session or race, no strained area: light Swedish 10-20 min within 24 h of it, else sports by 72 h;
 * - heavy week only (form low, monotony, load spike): Swedish relaxation, 45-60 min, in the next few days;
 * - nothing else, maintenance week, recurrent tightness reported: optional deep tissue (trigger point for one area).
 * Durations are [DERIVED] product choices, not trial doses.
 */
import { MIN_AREA_SORENESS_AU } from './evaluate-rules';
import { activityPhrase } from './format';
import type { MassageGates } from './massage-gates';
import { MASSAGE_TYPE_LABELS, type MassageSuggestion, type MassageType } from './recommendation';
import { BODY_AREA_IDS, BODY_AREA_LABELS, type Alert, type BodyAreaId, type RecentActivity } from './types';
import type { RecommendationContext } from './types';

const DOMS_START_H = 24;
const DOMS_END_H = 72;

type Draft = Omit<MassageSuggestion, 'typeLabel' | 'bodyAreaLabels'>;

/** Fills the derived label fields. */
export function finishSuggestion(draft: Draft): MassageSuggestion {
  return {
    ...draft,
    typeLabel: MASSAGE_TYPE_LABELS[draft.type],
    bodyAreaLabels: draft.bodyAreas.length ? draft.bodyAreas.map((a) => BODY_AREA_LABELS[a]) : ['whole body'],
  };
}

function byAreaOrder(a: BodyAreaId, b: BodyAreaId): number {
  return BODY_AREA_IDS.indexOf(a) - BODY_AREA_IDS.indexOf(b);
}

/** Strained areas, highest ratio first (area order breaks ties). */
export function strainedAreas(alerts: readonly Alert[]): BodyAreaId[] {
  return alerts
    .filter((alert) => alert.ruleId === 'area-strain' && alert.key.bodyArea !== '-')
    .sort(
      (a, b) => b.value - a.value || byAreaOrder(a.key.bodyArea as BodyAreaId, b.key.bodyArea as BodyAreaId),
    )
    .map((alert) => alert.key.bodyArea as BodyAreaId);
}

/** The most recent activity among those the alerts point to. */
export function latestAlertActivity(
  context: RecommendationContext,
  alerts: readonly Alert[],
  ruleId: Alert['ruleId'],
): RecentActivity | null {
  const ids = new Set(alerts.filter((a) => a.ruleId === ruleId && a.activityId).map((a) => a.activityId));
  const found = context.recentActivities.filter((activity) => ids.has(activity.activityId));
  found.sort((a, b) => a.sinceEndH - b.sinceEndH || a.activityId.localeCompare(b.activityId));
  return found[0] ?? null;
}

/** Areas most above their usual load (ratio >= 1, at most 3), for suggestions without an area alert. */
function mostLoadedAreas(context: RecommendationContext): BodyAreaId[] {
  return context.areas
    .filter(
      (strain) =>
        strain.baselineAu > 0 &&
        strain.projectedSorenessAu >= MIN_AREA_SORENESS_AU &&
        strain.projectedSorenessAu / strain.baselineAu >= 1,
    )
    .sort((a, b) => b.projectedSorenessAu / b.baselineAu - a.projectedSorenessAu / a.baselineAu)
    .slice(0, 3)
    .map((strain) => strain.area);
}

function sportsAfter(activity: RecentActivity | null, areas: BodyAreaId[], today: string): Draft {
  const base = { type: 'sports' as MassageType, pressure: 'moderate' as const, bodyAreas: areas };
  const common = { ...base, durationMin: { min: 30, max: 45 }, alternatives: ['swedish' as MassageType] };
  if (!activity || activity.sinceEndH >= DOMS_END_H) {
    return { ...common, window: { startsInH: 0, endsInH: 48, label: 'in the next 2 days' } };
  }
  const phrase = activityPhrase(activity, today, areas[0]);
  const window = {
    startsInH: Math.max(0, DOMS_START_H - activity.sinceEndH),
    endsInH: DOMS_END_H - activity.sinceEndH,
    label: `24–72 h after ${phrase}`,
  };
  return { ...common, window };
}

function lightSwedishAfter(activity: RecentActivity, areas: BodyAreaId[], today: string): Draft {
  return {
    type: 'swedish',
    pressure: 'light',
    bodyAreas: areas,
    durationMin: { min: 10, max: 20 },
    alternatives: ['sports'],
    window: {
      startsInH: 0,
      endsInH: DOMS_START_H - activity.sinceEndH,
      label: `within 24 h of ${activityPhrase(activity, today, areas[0])}`,
    },
  };
}

function maintenanceDeepWork(context: RecommendationContext): Draft {
  const areas = [...new Set(context.tightAreas ?? [])].sort(byAreaOrder);
  return {
    type: 'deep-tissue',
    pressure: 'firm',
    bodyAreas: areas,
    durationMin: { min: 30, max: 45 },
    alternatives: areas.length === 1 ? ['trigger-point'] : ['sports'],
    window: { startsInH: 0, endsInH: 7 * 24, label: 'this week, if that tightness keeps coming back' },
  };
}

/** The suggestion before race gating, or null when nothing applies. */
export function draftSuggestion(
  context: RecommendationContext,
  alerts: readonly Alert[],
  gates: MassageGates,
): MassageSuggestion | null {
  const today = context.localDate;
  const sore = strainedAreas(alerts);
  if (sore.length) {
    const activity =
      latestAlertActivity(context, alerts, 'area-strain') ??
      latestAlertActivity(context, alerts, 'hard-session');
    return finishSuggestion(sportsAfter(activity, sore, today));
  }
  const hard = latestAlertActivity(context, alerts, 'hard-session');
  if (hard) {
    const areas = mostLoadedAreas(context);
    const draft =
      hard.sinceEndH < DOMS_START_H ? lightSwedishAfter(hard, areas, today) : sportsAfter(hard, areas, today);
    return finishSuggestion(draft);
  }
  if (alerts.length) {
    const window = { startsInH: 0, endsInH: 72, label: 'in the next few days' };
    const draft: Draft = {
      type: 'swedish',
      pressure: 'light',
      bodyAreas: [],
      durationMin: { min: 45, max: 60 },
      alternatives: [],
      window,
    };
    return finishSuggestion(draft);
  }
  if (gates.maintenance && context.tightAreas?.length) return finishSuggestion(maintenanceDeepWork(context));
  return null;
}
