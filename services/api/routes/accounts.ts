import { Router, type Request, type Response } from 'express';
import { authenticateCoach, signUpCoach } from '../../accounts/coach-accounts';
import {
  completePasswordReset,
  inspectPasswordReset,
  requestPasswordReset,
} from '../../accounts/password-reset';
import { withTransaction } from '../../../db/pool';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { enqueueOutboxEmails } from '../../notify/outbox-relay';
import { csrfToken } from '../middleware/csrf';
import { accountKey, createLoginThrottles } from '../middleware/rate-limit-login';
import { principalOf } from '../middleware/require-auth';
import { endSession, establishSession } from '../middleware/session';
import { localPath } from '../safe-path';
import { declareRoute } from '../surface/declare-route';
import { parseInput } from './dashboard/parse-input';
import {
  loginSchema,
  resetCompleteSchema,
  resetInspectSchema,
  resetRequestSchema,
  signUpSchema,
} from '../surface/account-routes';

const LOGIN_FAILED =
  'Email or password is not right, or the address is not confirmed yet (use the link we emailed you).';

function signUpMessage(address: string): string {
  return `Check your email: we sent a message to ${address}. To finish creating your account, open the link in it, then sign in.`;
}

const resetContext = (deps: Deps) => ({
  db: deps.db,
  publicUrl: deps.config.publicUrl,
  now: new Date(deps.clock()),
  sealingKeys: deps.config.tokenEncryptionKeys,
});

/** Rate-limit answers carry Retry-After, as clients and proxies expect. */
function withRetryAfter(res: Response, err: unknown): never {
  const details = err instanceof AppError ? (err.details as { retryAfterS?: number } | undefined) : undefined;
  if (details?.retryAfterS) res.set('Retry-After', String(details.retryAfterS));
  throw err;
}

/**
 * Coach sign-up, login, logout, password reset; session info for the pages (identity + CSRF token).
 * Athletes sign in through Strava (strava-auth.ts). Every POST here is CSRF-checked like any other.
 */
export function accountsRoutes(deps: Deps): Router {
  const router = Router();
  const throttles = createLoginThrottles(deps);
  const ipOf = (req: Request) => req.ip ?? 'unknown';

  declareRoute(deps, router, 'get', '/api/session', (req, res) => {
    const p = principalOf(req);
    res.set('Cache-Control', 'no-store');
    res.json({
      user: p ? { id: p.userId, role: p.role, athleteId: p.athleteId ?? null } : null,
      csrfToken: csrfToken(req),
    });
  });

  declareRoute(deps, router, 'post', '/api/coaches', async (req, res) => {
    const input = parseInput(signUpSchema, req.body);
    await throttles.ip.consume(ipOf(req)).catch((err: unknown) => withRetryAfter(res, err));
    const nowMs = deps.clock();
    const queued = await withTransaction(deps.db, (tx) => signUpCoach(tx, deps, { ...input, nowMs }));
    if (queued) await enqueueOutboxEmails(deps, [queued]);
    // The same answer for a new and a registered address (no enumeration); no session until confirmed.
    res.status(202).json({ message: signUpMessage(input.email) });
  });

  declareRoute(deps, router, 'post', '/api/session', async (req, res) => {
    const input = parseInput(loginSchema, req.body);
    const key = accountKey(input.email);
    // The account's point is spent before the password is checked (one atomic Redis INCR), so a burst of
    // parallel guesses gets exactly LOGIN_LIMITS.accountFailures.points tries; a success gives them back.
    try {
      await throttles.ip.consume(ipOf(req));
      await throttles.account.consume(key);
    } catch (err) {
      withRetryAfter(res, err);
    }
    const user = await authenticateCoach(deps.db, input.email, input.password);
    if (!user) throw new AppError('unauthorized', LOGIN_FAILED);
    await throttles.account.reset(key);
    await establishSession(req, { userId: user.id, role: 'coach' }, deps.clock);
    res.json({
      user: { id: user.id, role: 'coach', athleteId: null },
      csrfToken: csrfToken(req),
      redirectTo: localPath(input.next) ?? '/coach',
    });
  });

  declareRoute(deps, router, 'post', '/api/session/logout', async (req, res) => {
    await endSession(req, res);
    res.status(204).end();
  });

  declareRoute(deps, router, 'post', '/api/password-resets', async (req, res) => {
    const input = parseInput(resetRequestSchema, req.body);
    try {
      await throttles.resetIp.consume(ipOf(req));
      await throttles.resetAccount.consume(accountKey(input.email));
    } catch (err) {
      withRetryAfter(res, err);
    }
    await requestPasswordReset(resetContext(deps), input.email);
    res.status(202).json({
      message: 'If an account exists for this address, we sent it a reset link. It works for one hour.',
    });
  });

  declareRoute(deps, router, 'post', '/api/password-resets/inspect', async (req, res) => {
    const input = parseInput(resetInspectSchema, req.body);
    const lookup = await inspectPasswordReset(resetContext(deps), input.token);
    res.json({ state: lookup.state });
  });

  declareRoute(deps, router, 'post', '/api/password-resets/complete', async (req, res) => {
    const input = parseInput(resetCompleteSchema, req.body);
    await throttles.resetIp.consume(ipOf(req)).catch((err: unknown) => withRetryAfter(res, err));
    await completePasswordReset(resetContext(deps), input.token, input.password);
    res.json({ message: 'Your password was changed. Sign in with the new one.' });
  });

  return router;
}
