import type { Queryable } from '../pool';

/**
 * The inbox row already holding this exact event, unless it was dropped. A duplicate deauthorization
 * is checked again (see the webhook route): a forger who sent Strava's exact event first must not turn
 * the real one into a no-op.
 */
export async function findLiveInboxId(db: Queryable, dedupKey: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select id::text from webhook_inbox where dedup_key = $1 and status <> 'dropped'`,
    [dedupKey],
  );
  return rows[0]?.id ?? null;
}
