import type { RequestHandler, Router } from 'express';
import type { Deps } from '../../deps';
import { authorize } from '../middleware/authorize';
import type { HttpMethod } from './route-spec';
import { routeSpec } from './route-table';

/**
 * Registers a browser route behind the guard its declared policy asks for (route-table.ts). A route
 * without a declaration is a programming error: it throws while the app is built, so it never serves a
 * request. Machine routes and signed links carry their own credential and register plainly (the
 * surface test still holds them to the table).
 */
export function declareRoute(
  deps: Deps,
  router: Router,
  method: HttpMethod,
  path: string,
  ...handlers: RequestHandler[]
): void {
  const policy = routeSpec(method, path)?.policy;
  if (!policy || policy === 'machine' || policy === 'signed-link') {
    throw new Error(`route ${method.toUpperCase()} ${path} has no browser policy in route-table.ts`);
  }
  router[method](path, authorize(deps, policy), ...handlers);
}
