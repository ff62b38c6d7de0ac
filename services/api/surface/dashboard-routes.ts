import { overviewQuerySchema } from '../../dashboard/overview-sort';
import { seriesQuerySchema } from '../../dashboard/athlete-series';
import {
  acceptSchema,
  activitiesQuery,
  alertsQuery,
  areasBody,
  inviteSchema,
  physiologyBody,
  rpeBody,
  scopesBody,
} from './dashboard-schemas';
import type { HttpMethod, RouteAnswer, RouteSpec } from './route-spec';

type Extra = Partial<Pick<RouteSpec, 'query' | 'body' | 'rateLimit'>>;
const ok = (status: number, description: string, type?: RouteAnswer['type']): RouteAnswer =>
  type ? { status, description, type } : { status, description };
const r = (
  method: HttpMethod,
  path: string,
  policy: RouteSpec['policy'],
  summary: string,
  answer: RouteAnswer,
  extra: Extra = {},
): RouteSpec => ({ method, path, policy, summary, answer, ...extra });

/** Consent and invites: the only ways a coach link comes to exist or ends (consent-routes.ts, coach-scope-routes.ts). */
const CONSENT: RouteSpec[] = [
  r('get', '/api/coach/invites', 'coach', "The coach's invites and their state", ok(200, 'Invites')),
  r(
    'post',
    '/api/coach/invites',
    'coach',
    'Create a single-use invite link (14 days)',
    ok(201, 'The link, shown once'),
    { body: inviteSchema },
  ),
  r('post', '/api/coach/invites/:inviteId/revoke', 'coach', 'Withdraw an open invite', ok(204, 'Revoked')),
  r(
    'get',
    '/api/invites/:token',
    'public',
    'What accepting this invite shares, and with whom',
    ok(200, 'Invite preview with the consent text'),
  ),
  r(
    'post',
    '/api/invites/:token/accept',
    'athlete-self',
    'Consent: share your data with this coach',
    ok(201, 'Consent recorded (text and time)'),
    { body: acceptSchema },
  ),
  r('get', '/api/me/coaches', 'athlete-self', 'Your coaches and consents (with history)', ok(200, 'Coaches')),
  r(
    'post',
    '/api/me/coaches/:coachId/revoke',
    'athlete-self',
    'Revoke a consent; effective on the next request',
    ok(204, 'Revoked'),
  ),
  r(
    'put',
    '/api/me/coaches/:coachId/scopes',
    'athlete-self',
    'Grant or withdraw a coach\'s "adjust my training settings" and "see my private activities"',
    ok(200, 'Scopes saved'),
    { body: scopesBody },
  ),
  r(
    'get',
    '/api/me/coach-changes',
    'athlete-self',
    'What your coaches changed in your settings',
    ok(200, 'Changes, newest first'),
  ),
];

/** Read models, RPE, training settings and exports (coach-routes.ts, athlete-routes.ts, training-settings-routes.ts, export-routes.ts). */
const DATA: RouteSpec[] = [
  r(
    'get',
    '/api/coach/overview',
    'coach',
    'Team overview, those needing attention first',
    ok(200, 'One row per consented athlete'),
    { query: overviewQuerySchema },
  ),
  r(
    'get',
    '/api/athletes/:athleteId',
    'athlete-or-coach',
    "Today's numbers, load range, body map, physiology with sources, races",
    ok(200, 'Athlete summary (estimates)'),
  ),
  r(
    'get',
    '/api/athletes/:athleteId/series',
    'athlete-or-coach',
    'Daily load, fitness, fatigue and form',
    ok(200, 'Daily points'),
    { query: seriesQuerySchema },
  ),
  r(
    'get',
    '/api/athletes/:athleteId/activities',
    'athlete-or-coach',
    'Recent activities with load, method and confidence',
    ok(200, 'Activities'),
    { query: activitiesQuery },
  ),
  r(
    'get',
    '/api/athletes/:athleteId/alerts',
    'athlete-or-coach',
    'Recommendation and alert history with reasons',
    ok(200, 'Alerts'),
    { query: alertsQuery },
  ),
  r(
    'put',
    '/api/me/activities/:activityId/rpe',
    'athlete-self',
    'Rate how hard one of your activities felt (1-10, null clears)',
    ok(200, 'Saved; numbers recompute'),
    { body: rpeBody },
  ),
  r(
    'put',
    '/api/me/activities/:activityId/areas',
    'athlete-self',
    'Tag the body areas a session worked (strength, workouts); null clears',
    ok(200, 'Saved; strain recomputes'),
    { body: areasBody },
  ),
  r(
    'put',
    '/api/athletes/:athleteId/physiology',
    'athlete-or-coach',
    'Enter physiology; null clears a value; who entered it (athlete or coach) is recorded for the labels',
    ok(200, 'Saved; every activity recomputes'),
    { body: physiologyBody },
  ),
  r(
    'get',
    '/api/me/export/daily-series.csv',
    'athlete-self',
    'Your daily series as CSV',
    ok(200, 'CSV (RFC 4180)', 'csv'),
  ),
  r(
    'get',
    '/api/me/export/activities.csv',
    'athlete-self',
    'Your activities as CSV',
    ok(200, 'CSV (RFC 4180)', 'csv'),
  ),
];

/** This description itself (dashboard-api.ts). */
const DESCRIPTION: RouteSpec[] = [
  r(
    'get',
    '/api/openapi.json',
    'public',
    'This OpenAPI 3.1 document, generated from the route table',
    ok(200, 'OpenAPI document'),
  ),
  r(
    'get',
    '/api/docs',
    'public',
    'The route table as a readable page (no scripts, no CDN)',
    ok(200, 'HTML list of operations', 'html'),
  ),
];

export const DASHBOARD_ROUTES: readonly RouteSpec[] = [...CONSENT, ...DATA, ...DESCRIPTION];
