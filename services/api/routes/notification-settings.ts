import { Router } from 'express';
import type { Deps } from '../../deps';

/** Email address, alert preferences, races, injured flag (issue 6). */
export function notificationSettingsRoutes(_deps: Deps): Router {
  return Router();
}
