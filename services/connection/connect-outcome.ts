import type { Deps } from '../deps';
import { RateLimitWaitError } from '../errors';
import type { Logger } from '../logger';
import { StravaUnavailableError } from '../strava/errors';
import { OAuthRejectedError, authorizeUrl } from '../strava/oauth';
import { completeStravaConnection, type ConnectionResult } from './connect-athlete';

/** Where the browser goes to grant Kneadwise access on Strava; `state` is the session's single-use value. */
export const connectStartUrl = (deps: Deps, state: string): string => authorizeUrl(deps.config, state);

/** Why a verified callback still did not connect: Strava refused the code, or Strava was unreachable. */
export type ConnectFailure = { problem: 'code_rejected' | 'strava_unavailable' };

/**
 * Connect athlete: completeStravaConnection, with Strava's refusals turned into a problem code the
 * HTTP adapter can show (it never needs to know Strava's error classes). Other errors propagate.
 */
export async function connectAthlete(
  deps: Deps,
  code: string,
  grantedScope: unknown,
  log: Logger,
): Promise<ConnectionResult | ConnectFailure> {
  try {
    return await completeStravaConnection(deps, code, grantedScope);
  } catch (err) {
    if (err instanceof OAuthRejectedError) return { problem: 'code_rejected' };
    if (err instanceof StravaUnavailableError || err instanceof RateLimitWaitError) {
      log.warn({ err: err.message }, 'Strava token exchange failed');
      return { problem: 'strava_unavailable' };
    }
    throw err;
  }
}
