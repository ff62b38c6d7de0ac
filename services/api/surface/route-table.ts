import { ACCOUNT_ROUTES } from './account-routes';
import { DASHBOARD_ROUTES } from './dashboard-routes';
import { MACHINE_ROUTES } from './machine-routes';
import { PAGE_ROUTES } from './page-routes';
import { routeKey, type RoutePolicy, type RouteSpec } from './route-spec';
import { SETTINGS_ROUTES } from './settings-routes';

/**
 * The HTTP surface, declared once: every route that answers, with its method, path, policy, summary and
 * the zod schemas of what it takes. declareRoute registers routes from it (an undeclared one throws while
 * the app is built), the OpenAPI document is generated from it, and tests/integration/api/http-surface.test.ts
 * walks the Express router and fails on any route answering that is not here, or listed here and not answering.
 */
export const ROUTES: readonly RouteSpec[] = [
  ...MACHINE_ROUTES,
  ...ACCOUNT_ROUTES,
  ...SETTINGS_ROUTES,
  ...DASHBOARD_ROUTES,
  ...PAGE_ROUTES,
];

const BY_KEY: ReadonlyMap<string, RouteSpec> = indexRoutes(ROUTES);

function indexRoutes(routes: readonly RouteSpec[]): Map<string, RouteSpec> {
  const byKey = new Map<string, RouteSpec>();
  for (const spec of routes) {
    const key = routeKey(spec.method, spec.path);
    if (byKey.has(key)) throw new Error(`route ${key} is declared twice`);
    byKey.set(key, spec);
  }
  return byKey;
}

/** The declaration of a route (`GET`, `/api/athletes/:athleteId`), or undefined. */
export function routeSpec(method: string, path: string): RouteSpec | undefined {
  return BY_KEY.get(routeKey(method, path));
}

/** The policy of a route, or undefined when none is declared. */
export function policyOf(method: string, path: string): RoutePolicy | undefined {
  return routeSpec(method, path)?.policy;
}
