import type { RouteSpec } from './route-spec';

/**
 * Routes that live outside the browser session: operations (health, metrics), Strava's webhook push,
 * signed links from emails and the Strava OAuth round trip. Mounted before sessions and CSRF, except OAuth.
 */
export const MACHINE_ROUTES: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    policy: 'machine',
    summary: 'Liveness: the process answers',
    answer: { status: 200, description: '{ status: ok }' },
  },
  {
    method: 'get',
    path: '/readyz',
    policy: 'machine',
    summary: 'Readiness: PostgreSQL, Redis and the schema (details for the operator token only)',
    answer: { status: 200, description: 'Ready (503 when not)' },
  },
  {
    method: 'get',
    path: '/metrics',
    policy: 'machine',
    summary: 'Prometheus metrics, for the operator bearer token; mounted only when METRICS_ENABLED',
    answer: { status: 200, description: 'Prometheus text format', type: 'text' },
  },
  ...webhookRoutes(),
  ...emailLinkRoutes(),
  {
    method: 'get',
    path: '/auth/strava',
    policy: 'public',
    summary: 'Start connecting Strava: single-use, session-bound OAuth state, then off to Strava',
    answer: { status: 302, description: "Redirect to Strava's authorization page", type: 'redirect' },
  },
  {
    method: 'get',
    path: '/auth/strava/callback',
    policy: 'public',
    summary: 'Strava sends the athlete back here; the state is checked before any token exchange',
    answer: {
      status: 302,
      description: 'Signed in as the athlete; a problem page otherwise',
      type: 'redirect',
    },
  },
  {
    method: 'post',
    path: '/auth/strava/disconnect',
    policy: 'athlete-self',
    summary: 'Disconnect Strava: revoke at Strava and delete everything about the athlete',
    answer: { status: 200, description: '{ disconnected, deleted } (303 to / for a form post)' },
  },
  {
    method: 'get',
    path: '/api/strava/connection',
    policy: 'athlete-self',
    summary: "The athlete's Strava connection and granted scopes",
    answer: { status: 200, description: 'Connection state' },
  },
];

/** Strava's subscription handshake (GET) and event push (POST), on the secret path; the bare path refuses. */
function webhookRoutes(): RouteSpec[] {
  const handshake = 'Subscription handshake: echoes hub.challenge when hub.verify_token matches';
  const push = 'Event push from Strava: written to the durable inbox, answered 200 fast';
  return [
    {
      method: 'get',
      path: '/strava/webhook',
      policy: 'machine',
      summary: handshake,
      answer: { status: 200, description: '{ hub.challenge }' },
    },
    {
      method: 'get',
      path: '/strava/webhook/:secret',
      policy: 'machine',
      summary: handshake,
      answer: { status: 200, description: '{ hub.challenge }' },
    },
    {
      method: 'post',
      path: '/strava/webhook',
      policy: 'machine',
      summary: 'Refused: events come on the secret path',
      answer: { status: 404, description: 'Not found' },
    },
    {
      method: 'post',
      path: '/strava/webhook/:secret',
      policy: 'machine',
      summary: push,
      rateLimit: 'per source address',
      answer: { status: 200, description: 'Accepted' },
    },
  ];
}

/** Signed links from emails: GET shows a page with a button (scanners prefetch links), POST acts. */
function emailLinkRoutes(): RouteSpec[] {
  const link = (path: string, what: string): RouteSpec[] => [
    {
      method: 'get',
      path,
      policy: 'signed-link',
      summary: `${what}: the confirmation page (token in ?t=)`,
      answer: { status: 200, description: 'Page with a button', type: 'html' },
    },
    {
      method: 'post',
      path,
      policy: 'signed-link',
      summary: `${what}: act on the signed token`,
      answer: { status: 200, description: 'Result page', type: 'html' },
    },
  ];
  return [
    ...link('/email/rpe', 'Record a session RPE from an alert email'),
    ...link('/email/unsubscribe', 'Unsubscribe from alert emails (RFC 8058 one-click on POST)'),
    ...link('/email/confirm', 'Confirm an email address'),
  ];
}
