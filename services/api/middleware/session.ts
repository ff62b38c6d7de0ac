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
/**
 * Over https the cookie carries the `__Host-` prefix (ASVS 3.3.1/3.3.3: Secure, Path=/, no Domain, so a
 * sibling subdomain cannot plant or read it). Browsers reject that prefix without Secure, so plain-http
 * development uses the bare name.
 */
export const sessionCookieName = (secure: boolean): string =>
  secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
/** Default idle timeout (ASVS 7.3.1); SESSION_IDLE_TIMEOUT_S sets it. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** Default absolute timeout (ASVS 7.3.2); SESSION_ABSOLUTE_TIMEOUT_S sets it. */
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/**
 * Anonymous sessions (a CSRF token for the login form, a Strava OAuth state) live this long without a
 * request: a crawler's rows go quickly. Pages never create one (saveUninitialized: false); only
 * GET /api/session and /auth/strava do.
 */
export const ANONYMOUS_SESSION_MS = 15 * 60_000;
/** How often each web process deletes expired session rows (randomised 50-150% by connect-pg-simple). */
export const SESSION_PRUNE_INTERVAL_S = 5 * 60;

/**
 * Server-side sessions in PostgreSQL: HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https, idle and
 * absolute timeouts. The cookie holds only a signed random id.
 */
export function sessionMiddleware(deps: Deps): RequestHandler[] & { store: session.Store } {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool: deps.db,
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: SESSION_PRUNE_INTERVAL_S,
    errorLog: (...args: unknown[]) =>
      deps.logger.warn({ err: String(args[1] ?? args[0]) }, 'session prune failed'),
  });
  const sessions = session({
    name: sessionCookieName(deps.config.secureCookies),
    secret: deps.config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: true,
    // Idle timeout: the cookie's max age, renewed on each request (rolling) and mirrored in the store's
    // `expire` column, which the store checks on every read: an idle session is gone server-side, so a
    // replayed cookie is worthless. Requests never rewrite the session for this (parallel requests would
    // race and drop each other's changes, such as a fresh CSRF token).
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      maxAge: deps.config.sessionIdleTimeoutMs,
      path: '/',
    },
  });
  // The store rides along for operations and tests (buildApp puts it in app.locals.sessionStore).
  const handlers: RequestHandler[] = [
    sessions,
    absoluteTimeout(deps.clock, deps.config.sessionAbsoluteTimeoutMs),
    shortAnonymousSessions(Math.min(ANONYMOUS_SESSION_MS, deps.config.sessionIdleTimeoutMs)),
  ];
  return Object.assign(handlers, { store });
}

function shortAnonymousSessions(maxAgeMs: number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.session && !req.session.userId) req.session.cookie.maxAge = maxAgeMs;
    next();
  };
}

function absoluteTimeout(clock: () => number, absoluteMs: number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const at = req.session?.authenticatedAtMs;
    if (at !== undefined && clock() - at > absoluteMs) {
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
      res.clearCookie(sessionCookieName(req.secure || req.protocol === 'https'), { path: '/' });
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      resolve();
    });
  });
}
