import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { Deps } from '../../deps';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    role?: 'athlete' | 'coach';
    athleteId?: string;
    /** When the session was authenticated; enforces the absolute timeout. */
    authenticatedAtMs?: number;
    /** Strava OAuth state: random, single-use, short-lived, bound to this session. */
    oauthState?: { value: string; expiresAtMs: number; returnTo?: string };
    /** An invite the visitor opened before signing in. */
    pendingInviteToken?: string;
  }
}

export const SESSION_COOKIE = 'kw.sid';
/** Idle timeout: the cookie's max age, renewed on every request (rolling). */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** Absolute timeout: a login is good for at most this long, however active. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;

/**
 * Server-side sessions in PostgreSQL: HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https, idle and
 * absolute timeouts. The cookie holds only a signed random id.
 */
export function sessionMiddleware(deps: Deps): RequestHandler[] {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool: deps.db,
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: false,
  });
  const sessions = session({
    name: SESSION_COOKIE,
    secret: deps.config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      maxAge: SESSION_IDLE_MS,
      path: '/',
    },
  });
  return [sessions, absoluteTimeout(deps.clock)];
}

function absoluteTimeout(clock: () => number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const at = req.session?.authenticatedAtMs;
    if (at !== undefined && clock() - at > SESSION_ABSOLUTE_MS) {
      req.session.destroy(() => next());
      return;
    }
    next();
  };
}

/**
 * Signs a user in: a fresh session id (defeats fixation), then the identity. Call only after the
 * credentials or the OAuth callback were verified.
 */
export function establishSession(
  req: Request,
  identity: { userId: string; role: 'athlete' | 'coach'; athleteId?: string },
  clock: () => number,
): Promise<void> {
  const carried = req.session.pendingInviteToken;
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err as Error);
      Object.assign(req.session, identity, { authenticatedAtMs: clock(), pendingInviteToken: carried });
      req.session.save((saveErr) => (saveErr ? reject(saveErr as Error) : resolve()));
    });
  });
}

/** Signs out: the server-side session is destroyed, so a copied cookie is worthless afterwards. */
export function endSession(req: Request, res: Response): Promise<void> {
  return new Promise((resolve) => {
    req.session.destroy(() => {
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      resolve();
    });
  });
}
