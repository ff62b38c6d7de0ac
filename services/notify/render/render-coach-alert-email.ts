import { compileHtml, compileText } from './handlebars-env';
import { assertHttpUrl, sanitizeHeaderText } from './sanitize';
import * as t from './templates/alert';
import type { CoachAlertEmailInput, RenderedEmail } from './types';
import { activitiesView, nameView, recommendationView, type RecommendationView } from './view-model';

interface CoachAlertView {
  subject: string;
  unsubscribeUrl: string;
  showStravaAttribution: boolean;
  name: string;
  athleteName: string;
  athleteUrl: string;
  recommendation: RecommendationView;
  activities: ReturnType<typeof activitiesView>;
}

const coachHtml = compileHtml<CoachAlertView>(t.COACH_ALERT_HTML);
const coachText = compileText<CoachAlertView>(t.COACH_ALERT_TEXT);

/**
 * E-mail to a coach about one of their athletes: quotes the recommendation the athlete received. The athlete's
 * name is athlete-controlled: sanitized for the subject and text, escaped in HTML. Throws on a non-http(s) URL.
 */
export function renderCoachAlertEmail(input: CoachAlertEmailInput): RenderedEmail {
  const athleteName = nameView(input.athleteName, 'Your athlete');
  const view: CoachAlertView = {
    subject: sanitizeHeaderText(`Kneadwise: recovery suggestion for ${athleteName}`),
    unsubscribeUrl: assertHttpUrl(input.unsubscribeUrl),
    showStravaAttribution: true,
    name: nameView(input.coachName),
    athleteName,
    athleteUrl: assertHttpUrl(input.athleteUrl),
    recommendation: recommendationView(input.recommendation),
    activities: activitiesView(input.activities),
  };
  return { subject: view.subject, text: coachText(view), html: coachHtml(view) };
}
