import type { Queryable } from '../pool';

export interface StoredSubscription {
  /** Strava's subscription id, a decimal string. */
  id: string;
  callbackUrl: string;
  /** The path secret of `callbackUrl` (null for a subscription recorded before secrets existed). */
  callbackSecret?: string | null;
}

/**
 * Records the app's push subscription (Strava allows one per app); the webhook drops events naming any
 * other subscription id, and refuses events posted to a path without its secret. Replaces whatever was
 * stored before. Idempotent.
 */
export async function saveStravaSubscription(db: Queryable, sub: StoredSubscription): Promise<void> {
  await db.query('delete from strava_subscription where id <> $1::bigint', [sub.id]);
  await db.query(
    `insert into strava_subscription (id, callback_url, callback_secret) values ($1::bigint, $2, $3)
     on conflict (id) do update set callback_url = excluded.callback_url,
       callback_secret = coalesce(excluded.callback_secret, strava_subscription.callback_secret)`,
    [sub.id, sub.callbackUrl, sub.callbackSecret ?? null],
  );
}

export async function listStoredSubscriptions(db: Queryable): Promise<StoredSubscription[]> {
  const { rows } = await db.query<{ id: string; callback_url: string; callback_secret: string | null }>(
    'select id::text as id, callback_url, callback_secret from strava_subscription order by created_at',
  );
  return rows.map((r) => ({ id: r.id, callbackUrl: r.callback_url, callbackSecret: r.callback_secret }));
}

/** Path secrets of the stored subscriptions (the webhook accepts events only under one of these). */
export async function listStoredWebhookSecrets(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ s: string }>(
    'select callback_secret as s from strava_subscription where callback_secret is not null',
  );
  return rows.map((r) => r.s);
}

export async function deleteStravaSubscription(db: Queryable, id: string): Promise<void> {
  await db.query('delete from strava_subscription where id = $1::bigint', [id]);
}
