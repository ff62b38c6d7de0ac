import type { Queryable } from '../pool';

/** One inbox row as the workers read it. Ids are decimal strings (64-bit, never rounded). */
export interface InboxRow {
  id: string;
  objectType: 'activity' | 'athlete';
  objectId: string;
  aspectType: 'create' | 'update' | 'delete';
  ownerId: string;
  subscriptionId: string | null;
  /** Epoch seconds on Strava's clock. */
  eventTime: number;
  updates: Record<string, string>;
  status: 'pending' | 'enqueued' | 'done' | 'dropped' | 'failed';
  attempts: number;
}

export interface InboxInsert {
  dedupKey: string;
  objectType: string;
  objectId: string;
  aspectType: string;
  ownerId: string;
  subscriptionId: string;
  eventTime: number;
  updates: Record<string, string>;
}

/**
 * Records a webhook event in one round trip, before the 200. A second insert of the same event (same
 * dedup key) is a no-op and returns null. The row starts 'dropped' with a reason, and gets no job, when
 * the event does not name our recorded subscription (forged or stale; no subscription recorded means
 * every event is dropped), or when the owner is not a connected athlete; otherwise it starts 'pending'.
 */
export async function insertInboxEvent(
  db: Queryable,
  e: InboxInsert,
): Promise<{ id: string; status: string; reason: string | null } | null> {
  const { rows } = await db.query<{ id: string; status: string; reason: string | null }>(
    `with verdict as (
       select case
         when not exists (select 1 from strava_subscription where id = $6::bigint) then 'unknown subscription'
         when not exists (select 1 from athlete where strava_athlete_id = $5::bigint) then 'unknown athlete'
       end as reason)
     insert into webhook_inbox (dedup_key, object_type, object_id, aspect_type, owner_id, subscription_id, event_time, updates,
                                status, last_error, processed_at)
     select $1, $2, $3::bigint, $4, $5::bigint, $6::bigint, $7, $8::jsonb,
            case when reason is null then 'pending' else 'dropped' end, reason,
            case when reason is null then null else now() end
       from verdict
     on conflict (dedup_key) do nothing
     returning id::text, status, last_error as reason`,
    [
      e.dedupKey,
      e.objectType,
      e.objectId,
      e.aspectType,
      e.ownerId,
      e.subscriptionId,
      e.eventTime,
      JSON.stringify(e.updates),
    ],
  );
  return rows[0] ?? null;
}

const SELECT_ROW = `select id::text, object_type as "objectType", object_id::text as "objectId", aspect_type as "aspectType",
  owner_id::text as "ownerId", subscription_id::text as "subscriptionId", event_time::float8 as "eventTime", updates, status, attempts
  from webhook_inbox`;

export async function getInboxEvent(db: Queryable, id: string): Promise<InboxRow | null> {
  const { rows } = await db.query<InboxRow>(`${SELECT_ROW} where id = $1::bigint`, [id]);
  return rows[0] ?? null;
}

/** Terminal transition; a row already done or dropped keeps its first verdict (idempotent retries). */
export async function finishInboxEvent(
  db: Queryable,
  id: string,
  status: 'done' | 'dropped' | 'failed',
  reason?: string,
): Promise<void> {
  await db.query(
    `update webhook_inbox set status = $2, last_error = $3, processed_at = now(), attempts = attempts + 1
      where id = $1::bigint and status not in ('done', 'dropped')`,
    [id, status, reason ?? null],
  );
}

/** Marks rows whose job was (re)added, so operators can tell "never enqueued" from "waiting". */
export async function markInboxEnqueued(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `update webhook_inbox set status = 'enqueued', enqueued_at = now() where id = any($1::bigint[]) and status = 'pending'`,
    [ids],
  );
}

/** Open rows (pending/enqueued) received before `olderThan`, oldest first: the sweeper's work list. */
export async function listStaleInboxEvents(db: Queryable, olderThan: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id::text from webhook_inbox where status in ('pending', 'enqueued') and received_at < $1
      order by received_at limit $2`,
    [olderThan, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Newest `event_time` of the create/update events we received for an activity (null when none): a sync
 * that starts after reading it has seen every change those events announced.
 */
export async function latestActivityEventTime(db: Queryable, activityId: string): Promise<number | null> {
  const { rows } = await db.query<{ t: number | null }>(
    `select max(event_time)::float8 as t from webhook_inbox
      where object_type = 'activity' and object_id = $1::bigint and aspect_type in ('create', 'update')`,
    [activityId],
  );
  return rows[0]?.t ?? null;
}

/** Deletes finished rows older than `before` (they hold Strava data such as titles: API terms). */
export async function purgeFinishedInboxEvents(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    `delete from webhook_inbox where status in ('done', 'dropped', 'failed') and received_at < $1`,
    [before],
  );
  return rowCount ?? 0;
}

/** Empties the `updates` (titles) of an activity's finished events once it is deleted; the dedup key stays. */
export async function scrubInboxUpdates(db: Queryable, activityId: string): Promise<void> {
  await db.query(
    `update webhook_inbox set updates = '{}' where object_type = 'activity' and object_id = $1::bigint and updates <> '{}'`,
    [activityId],
  );
}
