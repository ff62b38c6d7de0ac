import { FORM_ZONE_SOURCE, calibrationOf, formZoneOf } from '../load';
import { formatDay, joinAreas } from './format';
import { deepWorkBufferDays, massageGates, type MassageGates, type UpcomingRace } from './massage-gates';
import { draftSuggestion, latestAlertActivity } from './massage-suggestion';
import type { MassageSuggestion, Recommendation } from './recommendation';
import { reasonsFor } from './reasons';
import type { Alert, RecommendationContext } from './types';
import {
  CAUTIONS,
  CLAIMS,
  ESTIMATE_NOTE,
  HEAVY_WEEK_ADVICE,
  LOAD_SPIKE_ADVICE,
  THERAPIST_NOTE,
  pausedAdvice,
} from './wording';

/**
 * Turns the alerts that hold (from `evaluateRules`) into one recommendation for the athlete.
 *
 * Pure and deterministic. Injured or ill: status 'paused', no suggestion, advice to see a clinician. Otherwise the
 * type, areas, timing and duration follow training-science.md 5.3, gated by race proximity (light only within
 * 72 h of a race; no deep tissue or trigger point outside maintenance weeks). With no alerts the status is 'none',
 * except in a maintenance week with athlete-reported tight areas, where optional deep work is suggested (the
 * caller decides whether an alert-less recommendation is ever sent). Text follows 5.5 and never contains a
 * `forbiddenPhrases` entry or any athlete-supplied text.
 */
export function composeRecommendation(
  context: RecommendationContext,
  alerts: readonly Alert[],
): Recommendation {
  const gates = massageGates(context, alerts);
  const base = {
    athleteId: context.athleteId,
    localDate: context.localDate,
    allowedTypes: gates.allowedTypes,
    avoidTypes: gates.avoidTypes,
    reasons: reasonsFor(context, alerts),
    cautions: [...CAUTIONS],
    therapistNote: THERAPIST_NOTE,
    estimateNote: ESTIMATE_NOTE,
    formNote: formNoteOf(context.training),
    alertKeys: alerts.map((alert) => alert.keyString).sort(),
  };
  if (context.health.injured || context.health.ill) {
    const advice = [...pausedAdvice(context.health), CLAIMS.sharpPain];
    return {
      ...base,
      status: 'paused',
      headline: 'Massage suggestions are paused',
      suggestion: null,
      advice,
    };
  }
  const draft = draftSuggestion(context, alerts, gates);
  const suggestion = draft && gates.raceSoon ? preRaceSuggestion(draft, gates.raceSoon) : draft;
  const advice = adviceFor(context, alerts, gates, suggestion);
  if (!suggestion) {
    return { ...base, status: 'none', headline: 'No massage suggestion today', suggestion: null, advice };
  }
  return { ...base, status: 'suggest', headline: headlineFor(suggestion), suggestion, advice };
}

function headlineFor(suggestion: MassageSuggestion): string {
  const areas = suggestion.bodyAreas.length ? `your ${joinAreas(suggestion.bodyAreas)}` : 'the whole body';
  return `${suggestion.typeLabel} for ${areas}, ${suggestion.window.label}`;
}

/** Within 72 h of a race: at most a short, light Swedish massage, ending before race day. */
function preRaceSuggestion(draft: MassageSuggestion, race: UpcomingRace): MassageSuggestion {
  const endsInH = Math.min(draft.window.endsInH, Math.max(0, race.daysUntil * 24));
  const when = race.daysUntil === 0 ? 'today' : `on ${formatDay(race.localDate)}`;
  return {
    ...draft,
    type: 'swedish',
    typeLabel: 'Short, light Swedish massage',
    pressure: 'light',
    durationMin: { min: 10, max: 15 },
    alternatives: [],
    window: { startsInH: 0, endsInH, label: `if any, before your race ${when}` },
  };
}

function raceAdvice(gates: MassageGates): string[] {
  if (gates.raceSoon) {
    const day = formatDay(gates.raceSoon.localDate);
    return [
      `No deep tissue or trigger point massage in the 72 h before your race on ${day}.`,
      CLAIMS.preRace,
    ];
  }
  if (gates.deepWorkBlockedBy) {
    const race = gates.deepWorkBlockedBy;
    return [
      `Keep deep tissue or trigger point work at least ${deepWorkBufferDays(race.priority)} days before your ` +
        `race on ${formatDay(race.localDate)}; after that, only short, light massage.`,
    ];
  }
  return [];
}

function adviceFor(
  context: RecommendationContext,
  alerts: readonly Alert[],
  gates: MassageGates,
  suggestion: MassageSuggestion | null,
): string[] {
  const has = (ruleId: Alert['ruleId']) => alerts.some((alert) => alert.ruleId === ruleId);
  const advice: string[] = [];
  if (has('area-strain') || has('hard-session')) advice.push(CLAIMS.soreness);
  if (has('form-low') || has('monotony') || has('load-spike')) advice.push(CLAIMS.fatigue);
  if (has('load-spike')) advice.push(LOAD_SPIKE_ADVICE);
  if (has('form-low') || has('monotony')) advice.push(HEAVY_WEEK_ADVICE);
  const recent = latestAlertActivity(context, alerts, 'area-strain');
  if (suggestion?.type === 'sports' && recent && recent.sinceEndH < 24) {
    advice.push(
      'If you want something sooner, a short, light Swedish massage (10–20 min) in the first day is fine.',
    );
  }
  if (suggestion && suggestion.type !== 'deep-tissue' && gates.maintenance && context.tightAreas?.length) {
    advice.push(
      `With no race close and no hard session in the last 72 h, deep tissue or trigger point work on your ` +
        `${joinAreas(context.tightAreas)} is an option for tightness that keeps coming back.`,
    );
  }
  advice.push(...raceAdvice(gates));
  if (suggestion) advice.push(CLAIMS.performance);
  advice.push(CLAIMS.sharpPain);
  return advice;
}

/** Form zone in words, or how far the calibration is while the series lacks 42 days of history. */
export function formNoteOf(training: RecommendationContext['training']): string | null {
  const days = training.historyDays;
  const calibration = typeof days === 'number' ? calibrationOf('form', days) : null;
  if (calibration) return `Fitness and form: ${calibration.label}.`;
  if (training.calibrating || training.tsb === null) return null;
  const zone = formZoneOf(training.tsb);
  if (!zone) return null;
  return `Form: ${zone.label} (${Math.round(training.tsb)}). ${zone.explanation} ${FORM_ZONE_SOURCE}`;
}
