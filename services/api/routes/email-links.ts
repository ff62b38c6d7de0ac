import { Router } from 'express';
import type { Deps } from '../../deps';

/** Signed links from emails: confirm address, one-click unsubscribe, RPE (issue 6). */
export function emailLinksRoutes(_deps: Deps): Router {
  return Router();
}
