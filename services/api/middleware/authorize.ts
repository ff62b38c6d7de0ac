import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hasActiveCoachLink } from '../../../db/queries/coach-links';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { requireAthlete, requireCoach, requirePrincipal } from './require-auth';

/**
 * Who may call a route:
 * - public: anyone (capability tokens in the URL, sign-in forms, static files);
 * - authenticated: any signed-in user;
 * - coach: a signed-in coach (acts on their own data only: queries are scoped by their user id);
 * - athlete-self: a signed-in athlete, acting on their own athlete row (/api/me/...);
 * - coach-of-athlete: a coach with a live consented link to :athleteId;
 * - athlete-or-coach: the athlete :athleteId themself, or a coach with a live link to them.
 */
export type Policy =
  'public' | 'authenticated' | 'coach' | 'athlete-self' | 'coach-of-athlete' | 'athlete-or-coach';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/** Same answer for "does not exist", "malformed" and "not yours": no enumeration (ASVS 8.2.2). */
export function athleteNotFound(): AppError {
  return new AppError('not_found', 'No athlete with this id is shared with you.');
}

/**
 * Checks access to the athlete named in the path. The consent link is read from the database on every
 * request (never cached), so a revoke or a disconnect denies the very next request.
 */
async function assertAthleteAccess(deps: Deps, req: Request, allowSelf: boolean): Promise<void> {
  const athleteId = req.params.athleteId;
  const p = requirePrincipal(req);
  if (!isUuid(athleteId)) throw athleteNotFound();
  if (p.role === 'athlete') {
    if (allowSelf && p.athleteId === athleteId.toLowerCase()) return;
    throw athleteNotFound();
  }
  if (!(await hasActiveCoachLink(deps.db, p.userId, athleteId))) throw athleteNotFound();
}

/** Middleware enforcing one policy; route modules get it through `declareRoute`. */
export function authorize(deps: Deps, policy: Policy): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    switch (policy) {
      case 'public':
        break;
      case 'authenticated':
        requirePrincipal(req);
        break;
      case 'coach':
        requireCoach(req);
        break;
      case 'athlete-self':
        requireAthlete(req);
        break;
      case 'coach-of-athlete':
        requireCoach(req);
        await assertAthleteAccess(deps, req, false);
        break;
      case 'athlete-or-coach':
        await assertAthleteAccess(deps, req, true);
        break;
    }
    next();
  };
}
