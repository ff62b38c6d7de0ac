import { createHash } from 'node:crypto';

/**
 * Exactly what a consented coach sees of an athlete: the coach pages and the coach API show these
 * items and nothing else (the athlete-only sections are not reachable with a coach session). The
 * consent screen lists them; the accepted text is stored verbatim with the time.
 */
export const COACH_VISIBLE_DATA = [
  'Your name as it appears on Strava.',
  'Your activities: title, sport, date and time, duration, distance, elevation gain, and the effort rating (RPE) you entered.',
  'Numbers we derive from your activities: training load per activity and how it was estimated, daily fitness, fatigue and form, load spike and monotony.',
  'Estimated strain per body area (a model estimate, not a medical measurement), now and projected for tomorrow.',
  'Your recommendation and alert history with their reasons.',
  'Your physiology settings (heart-rate and threshold values) and where each came from.',
  'Your upcoming races.',
  'Your Strava connection and import status.',
] as const;

export const COACH_HIDDEN_DATA = [
  'Your email address and notification preferences.',
  'Data exports and account settings.',
  'Raw Strava data such as GPS routes and second-by-second streams.',
] as const;

/** The consent text for one coach: stored verbatim when the athlete accepts. */
export function consentTextFor(coachName: string): string {
  return [
    `I allow ${coachName} to see the following data from my Strava account in Kneadwise, until I revoke this consent:`,
    ...COACH_VISIBLE_DATA.map((line) => `- ${line}`),
    'The coach can only see: changing my physiology and thresholds needs my separate permission ("adjust my training settings") on my Kneadwise page, where every change a coach makes is listed.',
    'I can revoke this at any time from my Kneadwise page; the coach loses access immediately.',
  ].join('\n');
}

/** A short fingerprint of the text: the accept request must carry the one the athlete was shown. */
export function consentVersion(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}
