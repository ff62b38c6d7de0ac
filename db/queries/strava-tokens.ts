import type { Queryable } from '../pool';

/** One athlete's Strava tokens as stored: ciphertexts only (services/strava/token-crypto.ts). */
export interface StoredStravaToken {
  athleteId: string;
  keyId: string;
  accessTokenEnc: Buffer;
  refreshTokenEnc: Buffer;
  /** When the access token stops working (Strava's expires_at). */
  expiresAt: Date;
  /** Granted scopes, comma-separated as Strava sends them. */
  scopes: string;
}

interface Row {
  athlete_id: string;
  key_id: string;
  access_token_enc: Buffer;
  refresh_token_enc: Buffer;
  expires_at: Date;
  scopes: string;
}

/**
 * Reads an athlete's token row. With `forUpdate` (inside a transaction) the row stays locked until
 * commit: the cross-process single-flight of token refreshes re-reads under this lock.
 */
export async function getStravaToken(
  db: Queryable,
  athleteId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<StoredStravaToken | null> {
  const { rows } = await db.query<Row>(
    `select athlete_id, key_id, access_token_enc, refresh_token_enc, expires_at, scopes
       from strava_token where athlete_id = $1 ${opts.forUpdate ? 'for update' : ''}`,
    [athleteId],
  );
  const r = rows[0];
  return r
    ? {
        athleteId: r.athlete_id,
        keyId: r.key_id,
        accessTokenEnc: r.access_token_enc,
        refreshTokenEnc: r.refresh_token_enc,
        expiresAt: r.expires_at,
        scopes: r.scopes,
      }
    : null;
}

/** Inserts or replaces the athlete's tokens (connect, reconnect, refresh). Idempotent for equal input. */
export async function upsertStravaToken(db: Queryable, t: StoredStravaToken): Promise<void> {
  await db.query(
    `insert into strava_token (athlete_id, key_id, access_token_enc, refresh_token_enc, expires_at, scopes, updated_at)
     values ($1, $2, $3, $4, $5, $6, now())
     on conflict (athlete_id) do update set
       key_id = excluded.key_id, access_token_enc = excluded.access_token_enc,
       refresh_token_enc = excluded.refresh_token_enc, expires_at = excluded.expires_at,
       scopes = excluded.scopes, updated_at = now()`,
    [t.athleteId, t.keyId, t.accessTokenEnc, t.refreshTokenEnc, t.expiresAt, t.scopes],
  );
}

/** Number of token rows still encrypted with another key than `keyId` (key-rotation progress). */
export async function countTokensNotOnKey(db: Queryable, keyId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'select count(*)::text as n from strava_token where key_id <> $1',
    [keyId],
  );
  return Number(rows[0]?.n ?? 0);
}
