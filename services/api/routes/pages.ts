import { Router } from 'express';
import type { Deps } from '../../deps';

/** HTML pages and static assets (issue 7). */
export function pagesRoutes(_deps: Deps): Router {
  return Router();
}
