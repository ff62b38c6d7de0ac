import type { Policy } from '../../middleware/authorize';

/**
 * The one table of who may call which route: `METHOD path` as Express registers it. Routes of this
 * module family get their guard from it through `declareRoute` (a route missing here fails at startup);
 * routes of other modules are listed so the authorization matrix test (tests/integration/dashboard/
 * authorization-matrix.test.ts) can check every mounted route and fail on any without a policy.
 * `machine` routes are called by Strava or monitoring, not browsers: they authenticate by their own means
 * (verify token, nothing to protect) and are outside the session matrix. `signed-link` routes (email
 * links) are mounted before sessions and CSRF: the signed token in the link is the credential.
 */
export type RoutePolicy = Policy | 'machine' | 'signed-link';

export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  // operations and Strava's push (health.ts, strava-webhook.ts)
  'GET /healthz': 'machine',
  'GET /readyz': 'machine',
  'GET /metrics': 'machine',
  'GET /strava/webhook': 'machine',
  'GET /strava/webhook/:secret': 'machine',
  'POST /strava/webhook': 'machine',
  'POST /strava/webhook/:secret': 'machine',

  // email-links.ts (issue 6): signed, single-purpose links from emails
  'GET /email/rpe': 'signed-link',
  'POST /email/rpe': 'signed-link',
  'GET /email/unsubscribe': 'signed-link',
  'POST /email/unsubscribe': 'signed-link',
  'GET /email/confirm': 'signed-link',
  'POST /email/confirm': 'signed-link',

  // strava-auth.ts (issue 3): the athlete's login is the Strava connection
  'GET /auth/strava': 'public',
  'GET /auth/strava/callback': 'public',
  'POST /auth/strava/disconnect': 'athlete-self',
  'GET /api/strava/connection': 'athlete-self',

  // notification-settings.ts, coach-alert-settings.ts (issue 6)
  'GET /api/me/notification-settings': 'athlete-self',
  'PUT /api/me/notification-settings': 'athlete-self',
  'PUT /api/me/email': 'athlete-self',
  'DELETE /api/me/email': 'athlete-self',
  'PUT /api/me/status': 'athlete-self',
  'GET /api/me/races': 'athlete-self',
  'POST /api/me/races': 'athlete-self',
  'DELETE /api/me/races/:raceId': 'athlete-self',
  // coach-settings.ts (issue 22): the coach's own address and its confirmation
  'GET /api/coach/settings': 'coach',
  'PUT /api/coach/email': 'coach',
  'POST /api/coach/email/resend': 'coach',
  'GET /api/athletes/:athleteId/alert-settings': 'coach-of-athlete',
  'PUT /api/athletes/:athleteId/alert-settings': 'coach-of-athlete',

  // accounts.ts
  'GET /api/session': 'public',
  'POST /api/session': 'public',
  'POST /api/session/logout': 'public',
  'POST /api/coaches': 'public',
  'POST /api/password-resets': 'public',
  'POST /api/password-resets/inspect': 'public',
  'POST /api/password-resets/complete': 'public',

  // dashboard-api.ts: consent
  'GET /api/coach/invites': 'coach',
  'POST /api/coach/invites': 'coach',
  'POST /api/coach/invites/:inviteId/revoke': 'coach',
  'GET /api/invites/:token': 'public',
  'POST /api/invites/:token/accept': 'athlete-self',
  'GET /api/me/coaches': 'athlete-self',
  'POST /api/me/coaches/:coachId/revoke': 'athlete-self',
  'PUT /api/me/coaches/:coachId/scopes': 'athlete-self',
  'GET /api/me/coach-changes': 'athlete-self',

  // dashboard-api.ts: data
  'GET /api/coach/overview': 'coach',
  'GET /api/athletes/:athleteId': 'athlete-or-coach',
  'GET /api/athletes/:athleteId/series': 'athlete-or-coach',
  'GET /api/athletes/:athleteId/activities': 'athlete-or-coach',
  'GET /api/athletes/:athleteId/alerts': 'athlete-or-coach',
  'PUT /api/me/activities/:activityId/rpe': 'athlete-self',
  'PUT /api/me/activities/:activityId/areas': 'athlete-self',
  'PUT /api/athletes/:athleteId/physiology': 'athlete-or-coach',
  'GET /api/me/export/daily-series.csv': 'athlete-self',
  'GET /api/me/export/activities.csv': 'athlete-self',
  'GET /api/openapi.json': 'public',

  // pages.ts
  'GET /': 'public',
  'GET /login': 'public',
  'GET /signup': 'public',
  'GET /password-reset': 'public',
  'GET /password-reset/confirm': 'public',
  'GET /invite/:token': 'public',
  'GET /coach': 'coach',
  'GET /coach/invites': 'coach',
  'GET /coach/settings': 'coach',
  'GET /athletes/:athleteId': 'athlete-or-coach',
  'GET /me': 'athlete-self',
};

/** The policy of a route, or undefined when none is declared. */
export function policyOf(method: string, path: string): RoutePolicy | undefined {
  return ROUTE_POLICIES[`${method.toUpperCase()} ${path}`];
}
