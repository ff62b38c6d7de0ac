import type { Request } from 'express';
import { AppError } from '../../errors';

export interface Principal {
  userId: string;
  role: 'athlete' | 'coach';
  /** Set for athletes: their athlete row. */
  athleteId?: string;
}

/** The signed-in user of this request, or null. Reads only the server-side session. */
export function principalOf(req: Request): Principal | null {
  const s = req.session;
  if (!s?.userId || (s.role !== 'athlete' && s.role !== 'coach')) return null;
  return { userId: s.userId, role: s.role, ...(s.athleteId ? { athleteId: s.athleteId } : {}) };
}

/** The principal, or a 401 telling the visitor to sign in. */
export function requirePrincipal(req: Request): Principal {
  const p = principalOf(req);
  if (!p) throw new AppError('unauthorized', 'Sign in to continue.');
  return p;
}

/** The signed-in coach, or 401/403. */
export function requireCoach(req: Request): Principal {
  const p = requirePrincipal(req);
  if (p.role !== 'coach') throw new AppError('forbidden', 'This page is for coaches.');
  return p;
}

/** The signed-in athlete with their athlete id, or 401/403. */
export function requireAthlete(req: Request): Principal & { athleteId: string } {
  const p = requirePrincipal(req);
  if (p.role !== 'athlete' || !p.athleteId) throw new AppError('forbidden', 'This page is for athletes.');
  return { ...p, athleteId: p.athleteId };
}
