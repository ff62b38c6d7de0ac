import type { RouteSpec } from './route-spec';

const page = (path: string, policy: RouteSpec['policy'], summary: string): RouteSpec => ({
  method: 'get',
  path,
  policy,
  summary,
  answer: { status: 200, description: 'HTML page (its script calls the JSON API)', type: 'html' },
});

/** HTML pages (pages.ts): they carry no data; a visitor who is not signed in is sent to the login page. */
export const PAGE_ROUTES: readonly RouteSpec[] = [
  page('/', 'public', 'Home: connect Strava, or go on to your page'),
  page('/login', 'public', 'Coach login'),
  page('/signup', 'public', 'Coach sign-up'),
  page('/password-reset', 'public', 'Ask for a password reset link'),
  page('/password-reset/confirm', 'public', 'Set a new password from a reset link'),
  page('/invite/:token', 'public', "A coach's invite and its consent text"),
  page('/coach', 'coach', 'Coach overview'),
  page('/coach/invites', 'coach', "The coach's invites"),
  page('/coach/settings', 'coach', "The coach's settings"),
  page('/athletes/:athleteId', 'athlete-or-coach', 'One athlete, as their coach sees them'),
  page('/me', 'athlete-self', 'Your own page'),
];
