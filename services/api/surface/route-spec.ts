import type { z } from 'zod';
import type { Policy } from '../middleware/authorize';

/**
 * Who may call a route. `machine` routes are called by Strava or monitoring, not browsers: they
 * authenticate by their own means (verify token, path secret, operator token) and are outside the session
 * matrix. `signed-link` routes (email links) are mounted before sessions and CSRF: the signed token in the
 * link is the credential. Every other state-changing route needs the session's CSRF token.
 */
export type RoutePolicy = Policy | 'machine' | 'signed-link';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** What a successful call answers; errors are always the JSON error body (or an error page for pages). */
export interface RouteAnswer {
  status: number;
  description: string;
  /** json unless said otherwise; html for pages and link pages, redirect for 303s. */
  type?: 'json' | 'csv' | 'html' | 'text' | 'redirect';
}

/**
 * One route of the HTTP surface: the router registers it (declareRoute looks it up), the authorization
 * matrix tests its policy, and the OpenAPI document describes it, all from this one declaration.
 * Path parameters are read from `path` (Express form, `:name`); `params` refines them when they have a shape.
 */
export interface RouteSpec {
  method: HttpMethod;
  path: string;
  policy: RoutePolicy;
  summary: string;
  /** Rate limit on the route, in words (the limiter itself lives with the handler). */
  rateLimit?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  answer: RouteAnswer;
}

/** Key of a route as Express registers it: `GET /api/athletes/:athleteId`. */
export const routeKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/** State-changing browser calls carry the CSRF token (machine routes and signed links have their own credential). */
export function needsCsrf(spec: RouteSpec): boolean {
  return spec.method !== 'get' && spec.policy !== 'machine' && spec.policy !== 'signed-link';
}
