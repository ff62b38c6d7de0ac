import type { Queryable } from '../pool';

/**
 * Spends a single-use link nonce. Returns true the first time; false when it was spent before (a
 * replay). Call inside the transaction that performs the link's effect, so effect and spend commit
 * together.
 */
export async function spendLinkNonce(
  db: Queryable,
  use: { nonce: string; purpose: string; subjectId: string; outcome: Record<string, unknown>; now: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into used_link (nonce, purpose, subject_id, outcome, used_at) values ($1, $2, $3, $4, $5) on conflict (nonce) do nothing`,
    [use.nonce, use.purpose, use.subjectId, JSON.stringify(use.outcome), use.now],
  );
  return (rowCount ?? 0) > 0;
}

/** What a spent nonce did, or null if it was never spent. */
export async function findSpentLink(
  db: Queryable,
  nonce: string,
): Promise<{ outcome: Record<string, unknown>; usedAt: Date } | null> {
  const { rows } = await db.query<{ outcome: Record<string, unknown>; usedAt: Date }>(
    `select outcome, used_at as "usedAt" from used_link where nonce = $1`,
    [nonce],
  );
  return rows[0] ?? null;
}
