import type { Queryable } from '../pool';

export interface StoredSubscription {
  /** Strava's subscription id, a decimal string. */
  id: string;
  callbackUrl: string;
}

/**
 * Records the app's push subscription (Strava allows one per app); the webhook drops events naming any
 * other subscription id. Replaces whatever was stored before. Idempotent.
 */
export async function saveStravaSubscription(db: Queryable, sub: StoredSubscription): Promise<void> {
  await db.query('delete from strava_subscription where id <> $1::bigint', [sub.id]);
  await db.query(
    `insert into strava_subscription (id, callback_url) values ($1::bigint, $2)
     on conflict (id) do update set callback_url = excluded.callback_url`,
    [sub.id, sub.callbackUrl],
  );
}

export async function listStoredSubscriptions(db: Queryable): Promise<StoredSubscription[]> {
  const { rows } = await db.query<{ id: string; callback_url: string }>(
    'select id::text as id, callback_url from strava_subscription order by created_at',
  );
  return rows.map((r) => ({ id: r.id, callbackUrl: r.callback_url }));
}

export async function deleteStravaSubscription(db: Queryable, id: string): Promise<void> {
  await db.query('delete from strava_subscription where id = $1::bigint', [id]);
}
