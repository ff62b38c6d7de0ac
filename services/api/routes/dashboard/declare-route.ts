import type { RequestHandler, Router } from 'express';
import type { Deps } from '../../../deps';
import { authorize } from '../../middleware/authorize';
import { policyOf } from './route-policies';

type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * Registers a route behind the guard its declared policy asks for (route-policies.ts). A route without a
 * declared policy is a programming error: it throws while the app is built, so it never serves a request.
 */
export function declareRoute(
  deps: Deps,
  router: Router,
  method: Method,
  path: string,
  ...handlers: RequestHandler[]
): void {
  const policy = policyOf(method, path);
  if (!policy || policy === 'machine' || policy === 'signed-link') {
    throw new Error(`route ${method.toUpperCase()} ${path} has no browser policy in route-policies.ts`);
  }
  router[method](path, authorize(deps, policy), ...handlers);
}
