import { createHash } from 'node:crypto';
import type { Queryable } from '../pool';
import type { ActivityUpsert } from './activity-row';

/*
 * An activity's computation inputs, apart from local bookkeeping (issue 12): the fingerprint that moves
 * `inputs_version` when Strava changes what the numbers read, and the check for a stream-based metric
 * that must wait for its purged streams to be fetched again.
 */

/**
 * A fingerprint of the fields the load and strain engines read. A rename, a privacy flip or a re-fetch
 * of an unchanged activity keeps it; a new sport type, timing or summary changes it (and so the
 * activity's `inputs_version`, which makes its metric stale).
 */
export function activityInputsHash(a: ActivityUpsert): string {
  const inputs = [
    a.sportType,
    new Date(a.startDate).toISOString(),
    a.startDateLocal,
    a.localDate,
    a.movingTimeS,
    a.elapsedTimeS,
    a.distanceM,
    a.totalElevationGainM,
    a.averageHeartrateBpm,
    a.maxHeartrateBpm,
    a.averagePowerW,
    a.weightedAveragePowerW,
    a.deviceWatts,
    a.workoutType,
    a.trainer,
    a.manual,
    a.stravaRpe,
  ];
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url').slice(0, 22);
}

/**
 * Whether the activity's stream-based metric is behind its inputs while its streams are purged: the
 * streams must be fetched again before the numbers can follow (until then they are kept as they are).
 */
export async function metricAwaitsPurgedStreams(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from activity a join activity_metric m on m.activity_id = a.id
     where a.id = $1::bigint and a.streams_status = 'purged' and m.from_streams
       and m.source_version is distinct from a.inputs_version`,
    [id],
  );
  return rows.length > 0;
}
