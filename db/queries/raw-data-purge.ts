import type { Queryable } from '../pool';

/**
 * The 7-day rule for every raw field (Strava API Agreement §6.2; docs/strava-compliance.md). For
 * activities read from Strava before `before`, clears what is Strava's: the raw detail, title, time
 * zone, distance, elevation, heart-rate and power summaries, device and trainer flags and workout type,
 * and coarsens the start to the hour. Kept (docs/retention.md says why): the Strava id (dedup and
 * deletion), the athlete-local day, sport type, moving and elapsed time (the duration the load is
 * expressed over), the manual and private flags (which decide what may be computed and shown), and
 * everything Kneadwise computed. The average heart rate a summary-based metric recorded goes too.
 * Derived numbers do not change: activity_metric keeps them and the recompute does not redo them.
 */
export async function purgeRawActivityDetail(db: Queryable, before: Date, purgedAt: Date): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `update activity set raw_detail = null, name = '', timezone = null, distance_m = null,
       total_elevation_gain_m = null, average_heartrate_bpm = null, max_heartrate_bpm = null,
       average_power_w = null, weighted_average_power_w = null, device_watts = null, trainer = null,
       workout_type = null, start_date = date_trunc('hour', start_date),
       start_date_local = date_trunc('hour', start_date_local), strava_data_purged_at = $2, updated_at = now()
     where strava_data_purged_at is null and raw_fetched_at < $1
     returning id::text`,
    [before, purgedAt],
  );
  if (rows.length > 0) {
    await db.query(
      `update activity_metric set inputs = inputs #- '{methodValues,averageHrBpm}'
       where activity_id = any($1::bigint[]) and inputs->'methodValues' ? 'averageHrBpm'`,
      [rows.map((r) => r.id)],
    );
  }
  return rows.length;
}
