import strava from 'strava-v3';
import { StatusCodeError } from 'strava-v3/axiosUtility';
import type { Config } from '../config';
import type { Deps } from '../deps';
import { RateLimitWaitError } from '../errors';
import { StravaUnavailableError } from './errors';
import { windowBounds } from './rate-budget';
import { toIdString } from './lossless-json';
import { callStrava, setAppCredentials, type ScopedOutcome } from './transport';

/**
 * Strava's OAuth endpoints (authorize URL, code exchange, refresh, deauthorize) through strava-v3. These
 * functions return plain results or typed failures; they never log or store tokens themselves.
 */

/** Scopes Kneadwise asks for: activities incl. private ones, and the profile (heart-rate zones). */
export const REQUESTED_SCOPES = ['read', 'activity:read_all', 'profile:read_all'] as const;

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  /** Epoch seconds (Strava's expires_at). */
  expiresAtS: number;
}

export interface CodeExchange extends TokenGrant {
  athlete: { id: string; firstname: string; lastname: string; sex: 'M' | 'F' | null };
}

/** Strava refused a code or a refresh token for good (400/401, e.g. invalid_grant). */
export class OAuthRejectedError extends Error {
  override name = 'OAuthRejectedError';
  constructor(readonly status: number) {
    super(`Strava rejected the grant (HTTP ${status})`);
  }
}

/** The URL that sends the browser to Strava's consent page (redirected to STRAVA_BASE_URL). */
export function authorizeUrl(config: Config, state: string): string {
  setAppCredentials(config);
  const url = strava.oauth.getRequestAccessURL({
    scope: REQUESTED_SCOPES.join(','),
    state,
    approval_prompt: 'auto',
  });
  return url.replace(/^https:\/\/www\.strava\.com/, config.strava.baseUrl);
}

/** Exchanges an authorization code (single use) for tokens and the athlete summary. */
export async function exchangeCode(deps: Deps, code: string): Promise<CodeExchange> {
  const out = await oauthCall(deps, 'token', () => {
    setAppCredentials(deps.config);
    return strava.oauth.getToken(code);
  });
  const body = out as unknown as Record<string, unknown>;
  const athlete = (body.athlete ?? {}) as Record<string, unknown>;
  const sex = athlete.sex === 'M' || athlete.sex === 'F' ? athlete.sex : null;
  return {
    ...toGrant(body),
    athlete: {
      id: toIdString(athlete.id),
      firstname: str(athlete.firstname),
      lastname: str(athlete.lastname),
      sex,
    },
  };
}

/** Trades a refresh token for a (possibly rotated) token pair. The old refresh token may die at once. */
export async function refreshGrant(deps: Deps, refreshToken: string): Promise<TokenGrant> {
  const out = await oauthCall(deps, 'refresh', () => {
    setAppCredentials(deps.config);
    return strava.oauth.refreshToken(refreshToken);
  });
  return toGrant(out as unknown as Record<string, unknown>);
}

/** Revokes every token of the athlete at Strava. Resolves true when revoked now, false if already dead. */
export async function revokeAccess(deps: Deps, accessToken: string): Promise<boolean> {
  try {
    // strava-v3 treats every status as success here (simple: false); we look at the exchange instead.
    await oauthCall(deps, 'deauthorize', () => strava.oauth.deauthorize({ access_token: accessToken }));
    return true;
  } catch (err) {
    if (err instanceof OAuthRejectedError) return false;
    throw err;
  }
}

async function oauthCall<T>(deps: Deps, kind: string, fn: () => Promise<T>): Promise<T> {
  const outcome: ScopedOutcome<T> = await callStrava(deps.config.strava.baseUrl, fn);
  const status = outcome.exchange?.status ?? (outcome.ok ? 200 : 0);
  deps.metrics.stravaCalls.inc({
    kind: `oauth_${kind}`,
    status: status === 0 ? 'no_response' : String(status),
  });
  if (outcome.ok && status < 300) return outcome.value;
  if (status === 400 || status === 401 || status === 403) throw new OAuthRejectedError(status);
  if (status === 429)
    throw new RateLimitWaitError(windowBounds(deps.clock()).windowEndMs, 'Strava OAuth answered 429');
  const reason = outcome.ok ? `HTTP ${status}` : describe(outcome.error);
  throw new StravaUnavailableError(`Strava OAuth ${kind} failed: ${reason}`, status);
}

function describe(err: unknown): string {
  if (err instanceof StatusCodeError) return `HTTP ${err.statusCode}`;
  return err instanceof Error ? err.message : 'unknown error';
}

function toGrant(body: Record<string, unknown>): TokenGrant {
  const { access_token: a, refresh_token: r, expires_at: e } = body;
  if (typeof a !== 'string' || typeof r !== 'string' || typeof e !== 'number' || !a || !r) {
    throw new StravaUnavailableError(
      'Strava token response is missing access_token, refresh_token or expires_at',
      200,
    );
  }
  return { accessToken: a, refreshToken: r, expiresAtS: e };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
