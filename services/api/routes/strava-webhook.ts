import { Router } from 'express';
import type { Deps } from '../../deps';

/** Strava webhook: GET handshake, POST events into the durable inbox (issue 3). */
export function stravaWebhookRoutes(_deps: Deps): Router {
  return Router();
}
