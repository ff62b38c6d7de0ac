import type { Queryable } from '../pool';

/** Stores a reset link by the SHA-256 of its token; the token itself never touches the database. */
export async function insertPasswordReset(
  db: Queryable,
  reset: { userId: string; tokenHash: Buffer; expiresAt: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into password_reset (user_id, token_hash, expires_at) values ($1, $2, $3) returning id`,
    [reset.userId, reset.tokenHash, reset.expiresAt],
  );
  return rows[0]!.id;
}

export type ResetLookup =
  { state: 'valid'; id: string; userId: string } | { state: 'used' | 'expired' | 'unknown' };

/** What a reset token is worth right now, without consuming it (the form shows it before asking). */
export async function findPasswordReset(db: Queryable, tokenHash: Buffer, now: Date): Promise<ResetLookup> {
  const { rows } = await db.query<{ id: string; userId: string; expiresAt: Date; usedAt: Date | null }>(
    `select id, user_id as "userId", expires_at as "expiresAt", used_at as "usedAt"
     from password_reset where token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', id: row.id, userId: row.userId };
}

/**
 * Marks a reset used, atomically: of two concurrent submissions of the same link exactly one gets the
 * user id back. Also voids the user's other open links (one reset ends them all).
 */
export async function consumePasswordReset(
  db: Queryable,
  tokenHash: Buffer,
  now: Date,
): Promise<string | null> {
  const { rows } = await db.query<{ userId: string }>(
    `update password_reset set used_at = $2
     where token_hash = $1 and used_at is null and expires_at > $2
     returning user_id as "userId"`,
    [tokenHash, now],
  );
  const userId = rows[0]?.userId ?? null;
  if (userId) {
    await db.query('update password_reset set used_at = $2 where user_id = $1 and used_at is null', [
      userId,
      now,
    ]);
  }
  return userId;
}
