import type { Queryable } from '../pool';

/**
 * Records the athlete's session RPE (1-10) for one of their activities. Returns the activity's local
 * day (to recompute from), or null when the activity is gone or not theirs.
 */
export async function recordActivityRpe(
  db: Queryable,
  athleteId: string,
  activityId: string,
  rpe: number,
): Promise<{ localDate: string } | null> {
  const { rows } = await db.query<{ localDate: string }>(
    `update activity set rpe = $3, updated_at = now() where id = $2 and athlete_id = $1
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
    `select name as title, to_char(local_date, 'YYYY-MM-DD') as "localDate", rpe from activity where id = $2 and athlete_id = $1`,
    [athleteId, activityId],
  );
  return rows[0] ?? null;
}
