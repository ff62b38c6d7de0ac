import type { Queryable } from '../pool';

/** Where to tell an athlete their Strava data was deleted (read before the deletion removes it). */
export async function getAthleteContact(
  db: Queryable,
  athleteId: string,
): Promise<{ email: string; firstname: string } | null> {
  const { rows } = await db.query<{ email: string; firstname: string }>(
    `select u.email, a.firstname from athlete a join app_user u on u.id = a.user_id
      where a.id = $1 and u.email is not null and u.email_confirmed_at is not null`,
    [athleteId],
  );
  return rows[0] ?? null;
}

/**
 * Athletes whose Strava access must be checked: marked needs_reconnect (Strava refused a token or a
 * refresh), or connected with tokens untouched since `idleBefore` (no call of ours would have noticed a
 * lost deauthorization). Oldest first, at most `limit`.
 */
export async function listAthletesToVerifyAccess(
  db: Queryable,
  idleBefore: Date,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select a.id from athlete a join strava_token t on t.athlete_id = a.id
      where a.connection_state = 'needs_reconnect'
         or (a.connection_state = 'connected' and t.updated_at < $1)
      order by t.updated_at limit $2`,
    [idleBefore, limit],
  );
  return rows.map((r) => r.id);
}

/** True when we hold this activity for this athlete (a delete of anything else has nothing to do). */
export async function holdsActivity(db: Queryable, athleteId: string, activityId: string): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from activity where id = $1::bigint and athlete_id = $2 limit 1',
    [activityId, athleteId],
  );
  return rows.length > 0;
}

/**
 * Strava just accepted the athlete's token: stamp it (strava_token.updated_at is "last time Strava
 * accepted or issued this token", the periodic check's idle clock) and end a needs_reconnect mark.
 */
export async function markAccessConfirmed(db: Queryable, athleteId: string): Promise<void> {
  await db.query('update strava_token set updated_at = now() where athlete_id = $1', [athleteId]);
  await db.query(
    `update athlete set connection_state = 'connected', updated_at = now()
      where id = $1 and connection_state = 'needs_reconnect'`,
    [athleteId],
  );
}
