import type { Queryable } from '../pool';

/**
 * Privacy follows the athlete (issue 14 part 5; docs/strava-compliance.md): an activity the athlete keeps
 * private on Strava ("Only you") is shown to a coach, and counted in the figures the coach sees, only
 * when the athlete opted in for that coach (`coach_athlete.share_private`). The athlete always sees all.
 */

/**
 * Alerts are computed once from all of the athlete's training, private activities included. A coach who
 * may not see private activities is shown an alert only when no private activity lies within this many
 * days up to its day: 42 days is the longest window the series behind an alert reads (fitness).
 */
export const PRIVATE_ALERT_WINDOW_DAYS = 42;

/**
 * SQL condition, true when no private activity of `alertAlias`'s athlete falls within the window up to
 * the alert's day, or when `$sharesParam` (a boolean parameter) is true.
 */
export function alertClearOfPrivateSql(alertAlias: string, sharesParam: string): string {
  return `(${sharesParam} or not exists (select 1 from activity p where p.athlete_id = ${alertAlias}.athlete_id
    and p.private and p.local_date between ${alertAlias}.local_date - ${PRIVATE_ALERT_WINDOW_DAYS}
    and ${alertAlias}.local_date))`;
}

/** Has the athlete opted in to show their private activities to this coach (live link only)? */
export async function coachSeesPrivate(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ share: boolean }>(
    `select share_private as share from coach_athlete
     where coach_user_id = $1 and athlete_id = $2 and revoked_at is null`,
    [coachUserId, athleteId],
  );
  return rows[0]?.share === true;
}

/** Sets the athlete's opt-in for one coach, only on a live link; false when there is none. */
export async function setSharePrivate(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
  share: boolean,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update coach_athlete set share_private = $3
     where coach_user_id = $1 and athlete_id = $2 and revoked_at is null`,
    [coachUserId, athleteId, share],
  );
  return (rowCount ?? 0) > 0;
}
