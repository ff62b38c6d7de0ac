import { Router } from 'express';
import type { Deps } from '../../deps';

/** Connect/disconnect Strava: OAuth start, callback, disconnect (issue 3). */
export function stravaAuthRoutes(_deps: Deps): Router {
  return Router();
}
