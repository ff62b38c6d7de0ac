import { gunzipSync, gzipSync } from 'node:zlib';
import type { Queryable } from '../pool';

/**
 * Stream storage. `data_gz` is gzip (level 6) of the JSON object `{ key: number[] }`, every array the same
 * length, `moving` as 0/1. A 1-hour activity with 8 streams is ~3,600 x 8 numbers, ~250 KB of JSON and
 * roughly 40-60 KB gzipped; that is raw Strava data, deleted after STRAVA_RAW_RETENTION_DAYS.
 */
export type StreamSet = Record<string, number[]>;

export function encodeStreams(streams: StreamSet): Buffer {
  return gzipSync(JSON.stringify(streams), { level: 6 });
}

export function decodeStreams(gz: Buffer): StreamSet {
  return JSON.parse(gunzipSync(gz).toString('utf8')) as StreamSet;
}

/**
 * Stores an activity's streams and marks the activity 'stored' ('none' when Strava had no samples, as
 * for manual entries). Idempotent: a second store replaces the first. No-op when the activity is gone.
 */
export async function storeActivityStreams(
  db: Queryable,
  activityId: string,
  streams: StreamSet,
  fetchedAt: Date,
): Promise<void> {
  const keys = Object.keys(streams).sort();
  const sampleCount = keys.length === 0 ? 0 : (streams[keys[0]!]?.length ?? 0);
  if (sampleCount === 0) {
    await setStreamsStatus(db, activityId, 'none');
    return;
  }
  await db.query(
    `with target as (update activity set streams_status = 'stored', updated_at = now() where id = $1::bigint returning id)
     insert into activity_stream (activity_id, sample_count, keys, data_gz, fetched_at)
     select id, $2, $3, $4, $5 from target
     on conflict (activity_id) do update set sample_count = excluded.sample_count, keys = excluded.keys,
       data_gz = excluded.data_gz, fetched_at = excluded.fetched_at`,
    [activityId, sampleCount, keys, encodeStreams(streams), fetchedAt],
  );
}

export async function setStreamsStatus(
  db: Queryable,
  activityId: string,
  status: 'pending' | 'none' | 'failed',
): Promise<void> {
  await db.query(`update activity set streams_status = $2, updated_at = now() where id = $1::bigint`, [
    activityId,
    status,
  ]);
}

/** The stored streams of an activity, or null when none are stored (not fetched yet, none, or purged). */
export async function getActivityStreams(db: Queryable, activityId: string): Promise<StreamSet | null> {
  const { rows } = await db.query<{ data_gz: Buffer }>(
    `select data_gz from activity_stream where activity_id = $1::bigint`,
    [activityId],
  );
  return rows[0] ? decodeStreams(rows[0].data_gz) : null;
}

/** Deletes streams fetched before `before` and marks their activities 'purged' (derived numbers stay). */
export async function purgeActivityStreams(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    `with gone as (delete from activity_stream where fetched_at < $1 returning activity_id)
     update activity set streams_status = 'purged', updated_at = now() where id in (select activity_id from gone)`,
    [before],
  );
  return rowCount ?? 0;
}
