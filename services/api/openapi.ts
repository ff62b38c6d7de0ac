import { OVERVIEW_FILTERS, OVERVIEW_SORT_KEYS } from '../dashboard/overview-sort';
import { SERIES_RANGES } from '../dashboard/athlete-series';
import { policyOf } from './routes/dashboard/route-policies';

interface Op {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  query?: Record<string, { schema: object; description: string }>;
  body?: object;
  ok: { status: number; description: string; type?: 'json' | 'csv' };
}

const str = { type: 'string' };
const obj = (props: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  properties: props,
  required,
});
const POLICY_TEXT: Record<string, string> = {
  public: 'Anyone.',
  authenticated: 'Any signed-in user.',
  coach: 'A signed-in coach; acts on their own data only.',
  'athlete-self': 'A signed-in athlete; acts on their own data only.',
  'athlete-or-coach': 'The athlete themself, or a coach the athlete consented to. Anyone else: 404.',
  'coach-of-athlete': 'A coach the athlete consented to. Anyone else: 404.',
};

const OPS: Op[] = [
  {
    method: 'get',
    path: '/api/session',
    summary: 'Who is signed in, and the CSRF token for state-changing calls',
    ok: { status: 200, description: 'Session' },
  },
  {
    method: 'post',
    path: '/api/session',
    summary: 'Coach login (rate limited per account and per IP)',
    body: obj({ email: str, password: str }, ['email', 'password']),
    ok: { status: 200, description: 'Signed in; new session id' },
  },
  {
    method: 'post',
    path: '/api/session/logout',
    summary: 'Sign out (the server-side session is destroyed)',
    ok: { status: 204, description: 'Signed out' },
  },
  {
    method: 'post',
    path: '/api/coaches',
    summary: 'Coach sign-up',
    body: obj({ email: str, password: str, displayName: str }, ['email', 'password', 'displayName']),
    ok: { status: 201, description: 'Account created and signed in' },
  },
  {
    method: 'post',
    path: '/api/password-resets',
    summary: 'Email a reset link (same answer whether or not the account exists)',
    body: obj({ email: str }, ['email']),
    ok: { status: 202, description: 'Accepted' },
  },
  {
    method: 'post',
    path: '/api/password-resets/inspect',
    summary: 'State of a reset link',
    body: obj({ token: str }, ['token']),
    ok: { status: 200, description: '{ state: valid | used | expired | unknown }' },
  },
  {
    method: 'post',
    path: '/api/password-resets/complete',
    summary: 'Set a new password from a reset link (single use, 1 h)',
    body: obj({ token: str, password: str }, ['token', 'password']),
    ok: { status: 200, description: 'Changed; all sessions ended' },
  },
  {
    method: 'get',
    path: '/api/coach/invites',
    summary: "The coach's invites and their state",
    ok: { status: 200, description: 'Invites' },
  },
  {
    method: 'post',
    path: '/api/coach/invites',
    summary: 'Create a single-use invite link (14 days)',
    body: obj({ note: str }),
    ok: { status: 201, description: 'The link, shown once' },
  },
  {
    method: 'post',
    path: '/api/coach/invites/{inviteId}/revoke',
    summary: 'Withdraw an open invite',
    ok: { status: 204, description: 'Revoked' },
  },
  {
    method: 'get',
    path: '/api/invites/{token}',
    summary: 'What accepting this invite shares, and with whom',
    ok: { status: 200, description: 'Invite preview with the consent text' },
  },
  {
    method: 'post',
    path: '/api/invites/{token}/accept',
    summary: 'Consent: share your data with this coach',
    body: obj({ consentVersion: str }, ['consentVersion']),
    ok: { status: 201, description: 'Consent recorded (text and time)' },
  },
  {
    method: 'get',
    path: '/api/me/coaches',
    summary: 'Your coaches and consents (with history)',
    ok: { status: 200, description: 'Coaches' },
  },
  {
    method: 'post',
    path: '/api/me/coaches/{coachId}/revoke',
    summary: 'Revoke a consent; effective on the next request',
    ok: { status: 204, description: 'Revoked' },
  },
  {
    method: 'get',
    path: '/api/coach/overview',
    summary: 'Team overview, those needing attention first',
    query: {
      sort: {
        schema: { type: 'string', enum: OVERVIEW_SORT_KEYS },
        description: 'Sort key (default attention)',
      },
      order: { schema: { type: 'string', enum: ['asc', 'desc'] }, description: 'Direction' },
      filter: { schema: { type: 'string', enum: OVERVIEW_FILTERS }, description: 'Subset' },
      q: { schema: str, description: 'Name contains' },
    },
    ok: { status: 200, description: 'One row per consented athlete' },
  },
  {
    method: 'get',
    path: '/api/athletes/{athleteId}',
    summary: "Today's numbers, load range, body map, physiology with sources, races",
    ok: { status: 200, description: 'Athlete summary (estimates)' },
  },
  {
    method: 'get',
    path: '/api/athletes/{athleteId}/series',
    summary: 'Daily load, fitness, fatigue and form',
    query: {
      range: {
        schema: { type: 'string', enum: Object.keys(SERIES_RANGES) },
        description: 'Time range (default 6m)',
      },
    },
    ok: { status: 200, description: 'Daily points' },
  },
  {
    method: 'get',
    path: '/api/athletes/{athleteId}/activities',
    summary: 'Recent activities with load, method and confidence',
    query: {
      limit: { schema: { type: 'integer', minimum: 1, maximum: 100 }, description: 'Page size' },
      before: { schema: { type: 'string', format: 'date-time' }, description: 'Older than' },
    },
    ok: { status: 200, description: 'Activities' },
  },
  {
    method: 'get',
    path: '/api/athletes/{athleteId}/alerts',
    summary: 'Recommendation and alert history with reasons',
    query: { limit: { schema: { type: 'integer', minimum: 1, maximum: 200 }, description: 'How many' } },
    ok: { status: 200, description: 'Alerts' },
  },
  {
    method: 'put',
    path: '/api/me/activities/{activityId}/rpe',
    summary: 'Rate how hard one of your activities felt (1-10, null clears)',
    body: obj({ rpe: { type: ['integer', 'null'], minimum: 1, maximum: 10 } }, ['rpe']),
    ok: { status: 200, description: 'Saved; numbers recompute' },
  },
  {
    method: 'put',
    path: '/api/me/activities/{activityId}/areas',
    summary: 'Tag the body areas a session worked (strength, workouts); null clears',
    body: obj(
      {
        areas: {
          type: ['array', 'null'],
          items: {
            enum: ['calves', 'quads', 'hamstrings', 'glutesHips', 'lowerBack', 'neckShoulders', 'arms'],
          },
        },
      },
      ['areas'],
    ),
    ok: { status: 200, description: 'Saved; strain recomputes' },
  },
  {
    method: 'put',
    path: '/api/athletes/{athleteId}/physiology',
    summary:
      'Enter physiology (HR max/rest, LTHR, FTP, threshold pace, threshold swim pace, sex, birth year, HR load model banister|edwards|zonal); null clears a value; who entered it (athlete or coach) is recorded for the labels',
    body: obj({
      hrMaxBpm: { type: ['number', 'null'] },
      hrRestBpm: { type: ['number', 'null'] },
      lthrBpm: { type: ['number', 'null'] },
      ftpW: { type: ['number', 'null'] },
      thresholdPaceSPerKm: { type: ['number', 'null'] },
      birthYear: { type: ['integer', 'null'] },
      sex: { enum: ['male', 'female', null] },
    }),
    ok: { status: 200, description: 'Saved; every activity recomputes' },
  },
  {
    method: 'get',
    path: '/api/me/export/daily-series.csv',
    summary: 'Your daily series as CSV',
    ok: { status: 200, description: 'CSV (RFC 4180)', type: 'csv' },
  },
  {
    method: 'get',
    path: '/api/me/export/activities.csv',
    summary: 'Your activities as CSV',
    ok: { status: 200, description: 'CSV (RFC 4180)', type: 'csv' },
  },
];

const errorSchema = obj({
  error: obj({ code: str, message: str, details: { type: 'object' }, requestId: str }, ['code', 'message']),
});

function operation(op: Op): object {
  const expressPath = op.path.replace(/\{(\w+)\}/g, ':$1');
  const policy = policyOf(op.method, expressPath) ?? 'undeclared';
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: str,
  }));
  const query = Object.entries(op.query ?? {}).map(([name, q]) => ({
    name,
    in: 'query',
    required: false,
    ...q,
  }));
  const state = op.method !== 'get';
  return {
    summary: op.summary,
    description: `Who may call: ${POLICY_TEXT[policy] ?? policy}${state ? ' Requires the X-CSRF-Token header (from GET /api/session).' : ''}`,
    'x-policy': policy,
    ...(policy === 'public' ? { security: [] } : {}),
    parameters: [
      ...pathParams,
      ...query,
      ...(state ? [{ name: 'X-CSRF-Token', in: 'header', required: true, schema: str }] : []),
    ],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } }
      : {}),
    responses: {
      [op.ok.status]: {
        description: op.ok.description,
        content:
          op.ok.type === 'csv'
            ? { 'text/csv': { schema: str } }
            : { 'application/json': { schema: { type: 'object' } } },
      },
      '4XX': {
        description:
          'Bad input (400, with the reason), not signed in (401), wrong role (403), not found or not shared (404), gone (410), too many attempts (429)',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  };
}

/** The OpenAPI 3.1 description of the JSON API (served at /api/openapi.json); policies come from the route table. */
export function openApiDocument(publicUrl: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPS) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kneadwise dashboard API',
      version: '1',
      description: 'Training-load and strain figures are estimates, not diagnoses. Powered by Strava.',
    },
    servers: [{ url: publicUrl }],
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kw.sid' } } },
    security: [{ session: [] }],
    paths,
  };
}

/** For tests: every documented operation as `METHOD /express/:path`. */
export const DOCUMENTED_ROUTES = OPS.map(
  (op) => `${op.method.toUpperCase()} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
);
