import { PermanentJobError } from '../errors';

/**
 * Normalised Strava failures (see services/strava/api.ts). Both classes extend PermanentJobError, so a job
 * that does not catch them gives up at once instead of burning retries: retrying cannot change the answer.
 * Transient failures (5xx, timeouts, connection errors) are StravaUnavailableError, a plain Error the
 * dispatcher retries with backoff; rate limits are RateLimitWaitError (services/errors.ts).
 */

/** 404: the object is gone, or not visible with the granted scopes (e.g. "Only You" without read_all). */
export class StravaNotFoundError extends PermanentJobError {
  override name = 'StravaNotFoundError';
  constructor(readonly resource: string) {
    super(`Strava has no ${resource} visible to us (deleted, private or never existed)`);
  }
}

/** Why Strava refuses to serve an athlete. */
export type StravaAuthReason =
  /** No stored tokens for the athlete (never connected, or already deleted). */
  | 'not_connected'
  /** Strava rejected the refresh token (invalid_grant): the athlete revoked us, or a rotation was lost. */
  | 'refresh_rejected'
  /** A freshly refreshed access token still gets 401: access was revoked. */
  | 'revoked'
  /** The athlete did not grant the scope this call needs (e.g. activity:read). */
  | 'missing_scope'
  /** The stored tokens cannot be decrypted (key removed from TOKEN_ENCRYPTION_KEY, or tampered). */
  | 'token_unreadable';

/**
 * The athlete's access is revoked, missing a scope, or its refresh failed for good. When the reason is
 * refresh_rejected, revoked or token_unreadable, the athlete was already marked connection_state='needs_reconnect'.
 */
export class StravaAuthError extends PermanentJobError {
  override name = 'StravaAuthError';
  constructor(
    readonly athleteId: string,
    readonly reason: StravaAuthReason,
    message?: string,
  ) {
    super(message ?? `Strava access for athlete ${athleteId} unusable: ${reason}`);
  }
}

/** 5xx, timeout or network failure: transient, retry with backoff (a plain retryable Error). */
export class StravaUnavailableError extends Error {
  override name = 'StravaUnavailableError';
  constructor(
    message: string,
    /** HTTP status, or 0 when no response arrived (timeout, connection refused). */
    readonly status: number,
  ) {
    super(message);
  }
}
