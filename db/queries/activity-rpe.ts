import type { Queryable } from '../pool';

/**
 * Records (or clears, with null) the athlete's session RPE (1-10) for one of their activities: the one
 * home of this write, for the dashboard and the one-tap email link. A changed value bumps the activity's
 * inputs version (its metric becomes stale). Returns the activity's local day (to recompute from), or
 * null when the activity is gone or not theirs.
 */
export async function recordActivityRpe(
  db: Queryable,
  athleteId: string,
  activityId: string,
  rpe: number | null,
): Promise<{ localDate: string } | null> {
  const { rows } = await db.query<{ localDate: string }>(
    `update activity set rpe = $3, updated_at = now(),
       inputs_version = inputs_version + (rpe is distinct from $3::smallint)::int
     where id = $2::bigint and athlete_id = $1
     returning to_char(local_date, 'YYYY-MM-DD') as "localDate"`,
    [athleteId, activityId, rpe],
  );
  return rows[0] ?? null;
}

/** Title and RPE of one of the athlete's activities, for the confirmation page. */
export async function findActivityForRpe(
  db: Queryable,
  athleteId: string,
  activityId: string,
): Promise<{ title: string; localDate: string; rpe: number | null } | null> {
  const { rows } = await db.query<{ title: string; localDate: string; rpe: number | null }>(
    `select name as title, to_char(local_date, 'YYYY-MM-DD') as "localDate", rpe from activity where id = $2::bigint and athlete_id = $1`,
    [athleteId, activityId],
  );
  return rows[0] ?? null;
}
