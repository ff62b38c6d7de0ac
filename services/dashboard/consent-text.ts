import { createHash } from 'node:crypto';

/**
 * Exactly what a consented coach sees of an athlete: the coach pages and the coach API show these
 * items and nothing else (the athlete-only sections are not reachable with a coach session). The
 * consent screen lists them; the accepted text is stored verbatim with the time (coach_athlete and
 * consent_event), and its version (a hash of the text) must match the one the athlete was shown.
 * Private activities (issue 14): hidden by default, see db/queries/private-activities.ts; the athlete's
 * later opt-in per coach is recorded in the audit (coach_change_event, scope "see-private").
 */
export const COACH_VISIBLE_DATA = [
  'Your name as it appears on Strava.',
  'Your activities: title, sport, date and time, duration, distance, elevation gain, and the effort rating (RPE) you entered; not the activities you keep private on Strava ("Only you").',
  'Numbers we derive from your activities: training load per activity and how it was estimated, daily fitness, fatigue and form, load spike and monotony, computed without your private activities.',
  'Estimated strain per body area (a model estimate, not a medical measurement), now and projected for tomorrow, computed without your private activities.',
  'Your recommendation and alert history with their reasons, except alerts from the 42 days after a private activity (their numbers include it).',
  'Your physiology settings (heart-rate and threshold values) and where each came from.',
  'Your upcoming races.',
  'Your Strava connection and import status.',
] as const;

export const COACH_HIDDEN_DATA = [
  'Your email address and notification preferences.',
  'Data exports and account settings.',
  'Raw Strava data such as GPS routes and second-by-second streams.',
  'Activities you keep private on Strava ("Only you"), and everything computed from them, unless you choose on your Kneadwise page to show them to this coach (you can change that at any time; activities visible to your followers or everyone are shown).',
] as const;

/** The consent text for one coach: stored verbatim when the athlete accepts. */
export function consentTextFor(coachName: string): string {
  return [
    `I allow ${coachName} to see the following data from my Strava account in Kneadwise, until I revoke this consent:`,
    ...COACH_VISIBLE_DATA.map((line) => `- ${line}`),
    'The coach does not see the activities I keep private on Strava ("Only you"), nor numbers computed from them, unless I choose to show them to this coach on my Kneadwise page; a change of an activity\'s privacy on Strava applies from its next update.',
    'The coach can only see: changing my physiology and thresholds needs my separate permission ("adjust my training settings") on my Kneadwise page, where every change a coach makes is listed.',
    'I can revoke this at any time from my Kneadwise page; the coach loses access immediately.',
  ].join('\n');
}

/** A short fingerprint of the text: the accept request must carry the one the athlete was shown. */
export function consentVersion(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}
