/**
 * Maps renderer inputs to template views. Every string that reaches a template passes through
 * `sanitizeInlineText` (control characters out, length capped) and every URL through `assertHttpUrl`; the
 * HTML templates then escape on output.
 */
import type { Recommendation } from '../../domain/recommend/recommendation';
import { formatDay, joinLabels } from './format-day';
import { assertHttpUrl, sanitizeInlineText } from './sanitize';
import type { ActivityRef, RatingPrompt } from './types';

const MAX_NAME = 80;
const MAX_TITLE = 150;
const MAX_SENTENCE = 600;

export interface RecommendationView {
  headline: string;
  suggestion: { typeLabel: string; pressure: string; areas: string; when: string; duration: string } | null;
  reasons: string[];
  advice: string[];
  cautions: string[];
  therapistNote: string;
  estimateNote: string;
  formNote: string | null;
}

export interface RatingView {
  activityTitle: string;
  links: { score: number; url: string }[];
}

const clean = (text: string) => sanitizeInlineText(text, MAX_SENTENCE);

/** A person's name for a greeting; falls back to `fallback` when nothing printable is left. */
export function nameView(name: string | null, fallback = 'there'): string {
  return sanitizeInlineText(name ?? '', MAX_NAME) || fallback;
}

export function recommendationView(rec: Recommendation): RecommendationView {
  const s = rec.suggestion;
  const suggestion = s && {
    typeLabel: clean(s.typeLabel),
    pressure: clean(s.pressure),
    areas: clean(s.bodyAreas.length ? `your ${joinLabels(s.bodyAreaLabels)}` : 'whole body'),
    when: clean(s.window.label),
    duration: `${s.durationMin.min}–${s.durationMin.max} min`,
  };
  return {
    headline: clean(rec.headline),
    suggestion,
    reasons: rec.reasons.map(clean),
    advice: rec.advice.map(clean),
    cautions: rec.cautions.map(clean),
    therapistNote: clean(rec.therapistNote),
    estimateNote: clean(rec.estimateNote),
    formNote: rec.formNote ? clean(rec.formNote) : null,
  };
}

export function activitiesView(activities: readonly ActivityRef[]): { title: string; day: string }[] {
  return activities.map((activity) => ({
    title: sanitizeInlineText(activity.title, MAX_TITLE) || 'Untitled activity',
    day: formatDay(activity.localDate),
  }));
}

/** Throws unless there are exactly 10 http(s) URLs. */
export function ratingView(rating: RatingPrompt | null): RatingView | null {
  if (!rating) return null;
  if (rating.urls.length !== 10) throw new Error('a rating prompt needs exactly 10 URLs (scores 1-10)');
  return {
    activityTitle: sanitizeInlineText(rating.activityTitle, MAX_TITLE) || 'your activity',
    links: rating.urls.map((url, index) => ({ score: index + 1, url: assertHttpUrl(url) })),
  };
}
