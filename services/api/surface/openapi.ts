import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { needsCsrf, type RouteAnswer, type RouteSpec } from './route-spec';
import { ROUTES } from './route-table';

const POLICY_TEXT: Record<RouteSpec['policy'], string> = {
  public: 'Anyone.',
  authenticated: 'Any signed-in user.',
  coach: 'A signed-in coach; acts on their own data only.',
  'athlete-self': 'A signed-in athlete; acts on their own data only.',
  'athlete-or-coach': 'The athlete themself, or a coach the athlete consented to. Anyone else: 404.',
  'coach-of-athlete': 'A coach the athlete consented to. Anyone else: 404.',
  machine: 'Strava or monitoring, with their own credential (path secret, verify token, operator token).',
  'signed-link': 'Whoever holds the signed, single-purpose token from the email.',
};

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});

/** `/api/athletes/:athleteId` -> `/api/athletes/{athleteId}` */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:(\w+)/g, '{$1}');

/** Path parameters named in the path, as strings unless the declaration refines them. */
function pathParams(spec: RouteSpec): z.ZodObject | undefined {
  if (spec.params) return spec.params;
  const names = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

function content(answer: RouteAnswer): Record<string, { schema: z.ZodType }> | undefined {
  if (answer.type === 'redirect' || answer.status === 204) return undefined;
  const type = { csv: 'text/csv', html: 'text/html', text: 'text/plain', json: 'application/json' }[
    answer.type ?? 'json'
  ];
  return { [type]: { schema: answer.type && answer.type !== 'json' ? z.string() : z.unknown() } };
}

function routeConfig(spec: RouteSpec): RouteConfig {
  const csrf = needsCsrf(spec);
  const params = pathParams(spec);
  const body = content(spec.answer);
  const description = [
    `Who may call: ${POLICY_TEXT[spec.policy]}`,
    csrf ? 'Requires the X-CSRF-Token header (from GET /api/session).' : '',
    spec.rateLimit ? `Rate limited ${spec.rateLimit}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    method: spec.method,
    path: openApiPath(spec.path),
    summary: spec.summary,
    description,
    // The policy rides along for machines (tests, clients) as a vendor extension.
    'x-policy': spec.policy,
    ...(spec.policy === 'public' || spec.policy === 'machine' || spec.policy === 'signed-link'
      ? { security: [] }
      : {}),
    request: {
      ...(params ? { params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(csrf ? { headers: z.object({ 'X-CSRF-Token': z.string() }) } : {}),
      ...(spec.body
        ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } }
        : {}),
    },
    responses: {
      [spec.answer.status]: { description: spec.answer.description, ...(body ? { content: body } : {}) },
      '4XX': {
        description:
          'Bad input (400, with the reason), not signed in (401), wrong role (403), not found or not shared (404), gone (410), too many attempts (429)',
        content: { 'application/json': { schema: errorBody } },
      },
    },
  };
}

/** The OpenAPI 3.1 description of every route (served at /api/openapi.json), generated from the route table. */
export function openApiDocument(
  publicUrl: string,
  routes: readonly RouteSpec[] = ROUTES,
): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'kw.sid' });
  for (const spec of routes) registry.registerPath(routeConfig(spec));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Kneadwise HTTP API',
      version: '1',
      description: 'Training-load and strain figures are estimates, not diagnoses. Powered by Strava.',
    },
    servers: [{ url: publicUrl }],
    security: [{ session: [] }],
  }) as unknown as Record<string, unknown>;
}
