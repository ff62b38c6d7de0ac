import { Router } from 'express';
import type { Deps } from '../../deps';

/** Coach sign-up, login, logout, password reset; session info (issue 7). */
export function accountsRoutes(_deps: Deps): Router {
  return Router();
}
