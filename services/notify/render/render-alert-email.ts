import type { Recommendation } from '../../domain/recommend/recommendation';
import { formatDay } from './format-day';
import { compileHtml, compileText } from './handlebars-env';
import { assertHttpUrl, sanitizeHeaderText } from './sanitize';
import * as t from './templates/alert';
import type { AlertEmailInput, DigestEmailInput, RenderedEmail } from './types';
import {
  activitiesView,
  nameView,
  ratingView,
  recommendationView,
  type RatingView,
  type RecommendationView,
} from './view-model';

type Activities = ReturnType<typeof activitiesView>;

interface Footer {
  subject: string;
  unsubscribeUrl: string;
  showStravaAttribution: boolean;
}

interface AlertView extends Footer {
  name: string;
  recommendation: RecommendationView;
  activities: Activities;
  rating: RatingView | null;
}

interface DigestView extends Footer {
  name: string;
  day: string;
  items: {
    number: number;
    recommendation: RecommendationView;
    activities: Activities;
    rating: RatingView | null;
  }[];
}

const alertHtml = compileHtml<AlertView>(t.ALERT_HTML);
const alertText = compileText<AlertView>(t.ALERT_TEXT);
const digestHtml = compileHtml<DigestView>(t.DIGEST_HTML);
const digestText = compileText<DigestView>(t.DIGEST_TEXT);

/** Subject for one recommendation: its headline, or the pause notice. */
export function alertSubject(recommendation: Recommendation): string {
  const subject =
    recommendation.status === 'paused'
      ? 'Kneadwise: massage suggestions paused'
      : `Recovery suggestion: ${recommendation.headline}`;
  return sanitizeHeaderText(subject);
}

/**
 * The alert/recommendation e-mail for an athlete. Pure: same input, same output. Throws if a URL is not an
 * absolute http(s) URL or the rating prompt does not have exactly 10 URLs. The HTML is auto-escaped; the
 * subject is header-safe; the "Data from Strava" line is always shown (the content derives from Strava data).
 */
export function renderAlertEmail(input: AlertEmailInput): RenderedEmail {
  const view: AlertView = {
    subject: alertSubject(input.recommendation),
    unsubscribeUrl: assertHttpUrl(input.unsubscribeUrl),
    showStravaAttribution: true,
    name: nameView(input.recipientName),
    recommendation: recommendationView(input.recommendation),
    activities: activitiesView(input.activities),
    rating: ratingView(input.rating),
  };
  return { subject: view.subject, text: alertText(view), html: alertHtml(view) };
}

/**
 * Several recommendations in one e-mail (the daily digest), in the given order. Same guarantees as
 * `renderAlertEmail`; an empty `items` list is a caller error and throws.
 */
export function renderDigestEmail(input: DigestEmailInput): RenderedEmail {
  if (input.items.length === 0) throw new Error('a digest needs at least one item');
  const day = formatDay(input.localDate);
  const count = input.items.length;
  const view: DigestView = {
    subject: sanitizeHeaderText(
      `Your recovery digest for ${day}: ${count} suggestion${count === 1 ? '' : 's'}`,
    ),
    unsubscribeUrl: assertHttpUrl(input.unsubscribeUrl),
    showStravaAttribution: true,
    name: nameView(input.recipientName),
    day,
    items: input.items.map((item, index) => ({
      number: index + 1,
      recommendation: recommendationView(item.recommendation),
      activities: activitiesView(item.activities),
      rating: ratingView(item.rating),
    })),
  };
  return { subject: view.subject, text: digestText(view), html: digestHtml(view) };
}
