import { withTransaction, type Db } from '../pool';

export interface AthleteDeletion {
  /** False when the athlete did not exist (already deleted): deleting twice is a no-op. */
  deleted: boolean;
  stravaAthleteId?: string;
  userId?: string | null;
}

/**
 * Deletes everything Kneadwise holds about an athlete, in one transaction: the athlete row (which cascades
 * to tokens, activities, streams, metrics, series, races, alerts, coach links and their emails), the
 * webhook inbox rows they own (keyed by Strava id, so no foreign key), any outbox email to them, their
 * server-side sessions (so every signed-in browser is signed out), their spent email links, and their
 * athlete login.
 * Idempotent: a second call finds nothing and returns `deleted: false`.
 */
export async function deleteAthleteEverything(db: Db, athleteId: string): Promise<AthleteDeletion> {
  return withTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ user_id: string | null; strava_athlete_id: string }>(
      'select user_id, strava_athlete_id::text as strava_athlete_id from athlete where id = $1 for update',
      [athleteId],
    );
    const a = rows[0];
    if (!a) return { deleted: false };
    await tx.query('delete from webhook_inbox where owner_id = $1::bigint', [a.strava_athlete_id]);
    await tx.query('delete from email_outbox where athlete_id = $1 or user_id = $2', [athleteId, a.user_id]);
    if (a.user_id) await tx.query(`delete from session where sess->>'userId' = $1`, [a.user_id]);
    // Spent one-tap links name their subject (the athlete or their login) and have no foreign key.
    await tx.query('delete from used_link where subject_id = $1 or subject_id = $2', [
      athleteId,
      a.user_id ?? '',
    ]);
    await tx.query('delete from athlete where id = $1', [athleteId]);
    if (a.user_id) await tx.query(`delete from app_user where id = $1 and role = 'athlete'`, [a.user_id]);
    return { deleted: true, stravaAthleteId: a.strava_athlete_id, userId: a.user_id };
  });
}
