import type express from 'express';
import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { openApiDocument } from '../../../services/api/surface/openapi';
import { routeKey, type RouteSpec } from '../../../services/api/surface/route-spec';
import { ROUTES } from '../../../services/api/surface/route-table';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { mountedRoutes } from '../dashboard/support/routes';

// Issue 13 item 4: the HTTP surface is declared once (services/api/surface/route-table.ts). Every route
// that answers (webhook, OAuth, health, email links, pages, JSON API) must be in the table, and every
// route in the table must answer; the OpenAPI document and /api/docs are generated from the same table.
let deps: TestDeps;
let app: express.Express;
beforeAll(async () => {
  deps = await createTestDeps({ METRICS_ENABLED: 'true' });
  app = buildApp(deps);
});
afterAll(async () => {
  await deps.close();
});

/** Routes that answer but are not declared, and routes declared that do not answer. */
function surfaceDiff(served: express.Express, table: readonly RouteSpec[]) {
  const mounted = mountedRoutes(served).map((r) => routeKey(r.method, r.path));
  const declared = table.map((r) => routeKey(r.method, r.path));
  return {
    undeclared: mounted.filter((k) => !declared.includes(k)),
    notAnswering: declared.filter((k) => !mounted.includes(k)),
  };
}

/** `METHOD /express/:path` of every operation in an OpenAPI document. */
function documentedKeys(doc: { paths?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths ?? {}).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => routeKey(m, p.replace(/\{(\w+)\}/g, ':$1'))),
  );
}

describe('the HTTP surface, declared once', () => {
  it('when the app is built, then every route that answers is declared and every declared route answers', () => {
    expect(mountedRoutes(app).length).toBeGreaterThan(60);
    expect(surfaceDiff(app, ROUTES)).toEqual({ undeclared: [], notAnswering: [] });
  });

  it('when a route answers that the table does not describe, or the table lists one that does not answer, then the check names it', () => {
    const extra = buildApp(deps);
    extra.get('/undeclared', (_req, res) => res.end());
    expect(surfaceDiff(extra, ROUTES).undeclared).toEqual(['GET /undeclared']);
    const ghost: RouteSpec = {
      method: 'get',
      path: '/api/ghost',
      policy: 'public',
      summary: 'nothing',
      answer: { status: 200, description: 'nothing' },
    };
    expect(surfaceDiff(app, [...ROUTES, ghost]).notAnswering).toEqual(['GET /api/ghost']);
  });

  it('when /api/openapi.json is read, then it describes every declared route with its policy and schemas', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(documentedKeys(res.body).sort()).toEqual(ROUTES.map((r) => routeKey(r.method, r.path)).sort());
    for (const spec of ROUTES) {
      const op = res.body.paths[spec.path.replace(/:(\w+)/g, '{$1}')][spec.method];
      expect({ route: routeKey(spec.method, spec.path), policy: op['x-policy'] }).toEqual({
        route: routeKey(spec.method, spec.path),
        policy: spec.policy,
      });
      if (spec.body) expect(op.requestBody.content['application/json'].schema).toBeDefined();
      if (spec.query) expect(op.parameters.some((p: { in: string }) => p.in === 'query')).toBe(true);
    }
    const rpe = res.body.paths['/api/me/activities/{activityId}/rpe'].put;
    expect(rpe.requestBody.content['application/json'].schema.required).toEqual(['rpe']);
  });

  it('when a route is left out of the generated document, then the coverage check sees it', () => {
    const doc = openApiDocument('http://x', ROUTES.slice(1)) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const missing = ROUTES.map((r) => routeKey(r.method, r.path)).filter(
      (k) => !documentedKeys(doc).includes(k),
    );
    expect(missing).toEqual([routeKey(ROUTES[0]!.method, ROUTES[0]!.path)]);
  });

  it('when /api/docs is opened, then it lists every operation, with no script and nothing from another origin', async () => {
    const res = await request(app).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).not.toMatch(/<script|https?:\/\/(?!127)/i);
    for (const spec of ROUTES) {
      expect(res.text).toContain(`<code>${spec.path.replace(/:(\w+)/g, '{$1}')}</code>`);
    }
    expect(res.text.match(/<tr><td><code>/g)).toHaveLength(ROUTES.length);
  });
});
