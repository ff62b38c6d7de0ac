import { markAthleteNeedsReconnect } from '../../db/queries/athletes';
import { getStravaToken, upsertStravaToken, type StoredStravaToken } from '../../db/queries/strava-tokens';
import { withTransaction, type Queryable } from '../../db/pool';
import type { Deps } from '../deps';
import { StravaAuthError } from './errors';
import { OAuthRejectedError, refreshGrant, type TokenGrant } from './oauth';
import { withRedisLock } from './refresh-lock';
import {
  decryptToken,
  encryptToken,
  parseKeyring,
  TokenDecryptError,
  type TokenKeyring,
} from './token-crypto';

/** Refresh when the access token expires within this margin (a call may take a while to arrive). */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const LOCK = { ttlMs: 30_000, waitMs: 20_000 };

/** Decrypted tokens, in memory only. */
export interface AthleteTokens {
  accessToken: string;
  refreshToken: string;
  expiresAtMs: number;
  scopes: string[];
}

export interface TokenStore {
  /**
   * A usable access token for the athlete, refreshed first when it expires within 5 minutes (or when
   * `rejected` names the token Strava just refused). The refresh is single-flight per athlete across all
   * processes: a Redis lock, then `select ... for update` and a re-check, so a process that waited sees
   * the rotated token and makes no token call. A rejected refresh marks the athlete needs_reconnect and
   * throws StravaAuthError; Strava being down throws a retryable error.
   */
  accessToken(athleteId: string, rejected?: string): Promise<AthleteTokens>;
}

/** Encrypts and stores a fresh grant for the athlete (call inside the transaction that created them). */
export async function storeGrant(
  db: Queryable,
  keyring: TokenKeyring,
  athleteId: string,
  grant: TokenGrant,
  scopes: string,
): Promise<void> {
  await upsertStravaToken(db, {
    athleteId,
    keyId: keyring.primaryKeyId,
    accessTokenEnc: encryptToken(keyring, grant.accessToken, { athleteId, column: 'access_token' }),
    refreshTokenEnc: encryptToken(keyring, grant.refreshToken, { athleteId, column: 'refresh_token' }),
    expiresAt: new Date(grant.expiresAtS * 1000),
    scopes,
  });
}

export function createTokenStore(deps: Deps): TokenStore {
  const keyring = parseKeyring(deps.config.tokenEncryptionKeys);
  const inflight = new Map<string, Promise<AthleteTokens>>();
  const usable = (t: AthleteTokens, rejected?: string) =>
    t.accessToken !== rejected && t.expiresAtMs - deps.clock() > REFRESH_MARGIN_MS;

  const decrypt = async (db: Queryable, row: StoredStravaToken): Promise<AthleteTokens> => {
    try {
      const slot = (column: 'access_token' | 'refresh_token') => ({ athleteId: row.athleteId, column });
      return {
        accessToken: decryptToken(keyring, row.accessTokenEnc, slot('access_token')),
        refreshToken: decryptToken(keyring, row.refreshTokenEnc, slot('refresh_token')),
        expiresAtMs: row.expiresAt.getTime(),
        scopes: row.scopes.split(/[\s,]+/).filter(Boolean),
      };
    } catch (err) {
      if (!(err instanceof TokenDecryptError)) throw err;
      await markAthleteNeedsReconnect(db, row.athleteId);
      deps.logger.error(
        { athleteId: row.athleteId, keyId: row.keyId, err: err.message },
        'stored Strava tokens unreadable',
      );
      throw new StravaAuthError(row.athleteId, 'token_unreadable');
    }
  };

  const refreshUnderLock = (athleteId: string, rejected?: string): Promise<AthleteTokens> =>
    withRedisLock(
      deps.redis,
      `${deps.config.queuePrefix}:strava:refresh-lock:${athleteId}`,
      LOCK,
      deps.logger,
      async () => {
        const outcome = await withTransaction(deps.db, async (tx) => {
          const row = await getStravaToken(tx, athleteId, { forUpdate: true });
          if (!row) return { kind: 'gone' as const };
          const current = await decrypt(tx, row);
          if (usable(current, rejected)) return { kind: 'ok' as const, tokens: current };
          try {
            const grant = await refreshGrant(deps, current.refreshToken);
            await storeGrant(tx, keyring, athleteId, grant, row.scopes);
            deps.logger.info({ athleteId }, 'Strava token refreshed');
            return {
              kind: 'ok' as const,
              tokens: { ...grant, expiresAtMs: grant.expiresAtS * 1000, scopes: current.scopes },
            };
          } catch (err) {
            if (!(err instanceof OAuthRejectedError)) throw err;
            await markAthleteNeedsReconnect(tx, athleteId);
            return { kind: 'rejected' as const };
          }
        });
        if (outcome.kind === 'gone') throw new StravaAuthError(athleteId, 'not_connected');
        if (outcome.kind === 'rejected') {
          deps.logger.warn({ athleteId }, 'Strava rejected the refresh token; athlete must reconnect');
          throw new StravaAuthError(athleteId, 'refresh_rejected');
        }
        return outcome.tokens;
      },
    );

  return {
    async accessToken(athleteId, rejected) {
      const row = await getStravaToken(deps.db, athleteId);
      if (!row) throw new StravaAuthError(athleteId, 'not_connected');
      const current = await decrypt(deps.db, row);
      if (usable(current, rejected)) return current;
      const joined = inflight.get(athleteId);
      if (joined) {
        const tokens = await joined;
        // The refresh we joined may have handed back the very token Strava just refused: force our own.
        return rejected === undefined || tokens.accessToken !== rejected
          ? tokens
          : refreshUnderLock(athleteId, rejected);
      }
      const flight = refreshUnderLock(athleteId, rejected).finally(() => inflight.delete(athleteId));
      inflight.set(athleteId, flight);
      return flight;
    },
  };
}
