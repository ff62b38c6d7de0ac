import { Router } from 'express';
import type { Deps } from '../../deps';

/** JSON API behind the pages, consent, invites, exports (issue 7). */
export function dashboardApiRoutes(_deps: Deps): Router {
  return Router();
}
