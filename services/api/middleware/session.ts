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
    /** Last authenticated request; enforces the idle timeout on the server. */
    lastSeenAtMs?: number;
    /** Strava OAuth state: random, single-use, short-lived, bound to this session. */
    oauthState?: { value: string; expiresAtMs: number; returnTo?: string };
    /** An invite the visitor opened before signing in. */
    pendingInviteToken?: string;
  }
}

export const SESSION_COOKIE = 'kw.sid';
/**
 * Over https the cookie carries the `__Host-` prefix (ASVS 3.3.1/3.3.3: Secure, Path=/, no Domain, so a
 * sibling subdomain cannot plant or read it). Browsers reject that prefix without Secure, so plain-http
 * development uses the bare name.
 */
export const sessionCookieName = (secure: boolean): string => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
/** Idle timeout (ASVS 7.3.1): the cookie's max age, renewed on every request (rolling). */
export const SESSION_IDLE_MS = 30 * 60_000;
/** Absolute timeout (ASVS 7.3.2): a login is good for at most this long, however active. */
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;

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
    name: sessionCookieName(deps.config.secureCookies),
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
  return [sessions, absoluteTimeout(deps.clock), idleTimeout(deps.clock)];
}

/**
 * Idle timeout enforced on the server too: the cookie's max age alone would trust the client's clock and
 * a replayed cookie. express-session keeps the expiry in the stored session; we also compare with the
 * injected clock so tests can move time.
 */
function idleTimeout(clock: () => number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const last = req.session?.lastSeenAtMs;
    const now = clock();
    if (req.session?.userId && last !== undefined && now - last > SESSION_IDLE_MS) {
      req.session.destroy(() => next());
      return;
    }
    if (req.session?.userId) req.session.lastSeenAtMs = now;
    next();
  };
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
      Object.assign(req.session, identity, { authenticatedAtMs: clock(), lastSeenAtMs: clock(), pendingInviteToken: carried });
      req.session.save((saveErr) => (saveErr ? reject(saveErr as Error) : resolve()));
    });
  });
}

/** Signs out: the server-side session is destroyed, so a copied cookie is worthless afterwards. */
export function endSession(req: Request, res: Response): Promise<void> {
  return new Promise((resolve) => {
    req.session.destroy(() => {
      res.clearCookie(sessionCookieName(req.secure || req.protocol === 'https'), { path: '/' });
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      resolve();
    });
  });
}
