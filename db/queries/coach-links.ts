import type { Queryable } from '../pool';

/**
 * Is there a live (consented, not revoked) link between this coach and this athlete? Called on every
 * coach request, never cached: a revoke takes effect on the very next request.
 */
export async function hasActiveCoachLink(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from coach_athlete ca join athlete a on a.id = ca.athlete_id
     where ca.coach_user_id = $1 and ca.athlete_id = $2 and ca.revoked_at is null
       and a.connection_state <> 'disconnected'`,
    [coachUserId, athleteId],
  );
  return rows.length > 0;
}

/**
 * Records consent: a fresh link (or a re-accept after a revoke) with the exact text the athlete saw and
 * the time, plus an audit event. Idempotent for an already active link only in effect: the text and time
 * are refreshed, which is what a second explicit acceptance means.
 */
export async function grantConsent(
  db: Queryable,
  grant: { coachUserId: string; athleteId: string; consentText: string; inviteId: string | null; now: Date },
): Promise<void> {
  await db.query(
    `insert into coach_athlete (coach_user_id, athlete_id, consent_text, consented_at, revoked_at)
     values ($1, $2, $3, $4, null)
     on conflict (coach_user_id, athlete_id)
     do update set consent_text = excluded.consent_text, consented_at = excluded.consented_at, revoked_at = null,
       scopes = case when coach_athlete.revoked_at is null then coach_athlete.scopes else array['see'] end,
       share_private = coach_athlete.share_private and coach_athlete.revoked_at is null`,
    [grant.coachUserId, grant.athleteId, grant.consentText, grant.now],
  );
  await db.query(
    `insert into consent_event (coach_user_id, athlete_id, action, consent_text, invite_id, at)
     values ($1, $2, 'granted', $3, $4, $5)`,
    [grant.coachUserId, grant.athleteId, grant.consentText, grant.inviteId, grant.now],
  );
}

/** Revokes a live link; false when there was none (already revoked or never granted). */
export async function revokeConsent(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update coach_athlete set revoked_at = $3 where coach_user_id = $1 and athlete_id = $2 and revoked_at is null`,
    [coachUserId, athleteId, now],
  );
  if ((rowCount ?? 0) === 0) return false;
  await db.query(
    `insert into consent_event (coach_user_id, athlete_id, action, at) values ($1, $2, 'revoked', $3)`,
    [coachUserId, athleteId, now],
  );
  return true;
}

export interface CoachOfAthlete {
  coachUserId: string;
  coachName: string;
  coachEmail: string | null;
  consentText: string;
  consentedAt: Date;
  revokedAt: Date | null;
  scopes: string[];
  /** The athlete shows this coach the activities they keep private on Strava. */
  sharePrivate: boolean;
}

/** Every coach an athlete has consented to, live links first, then revoked ones (history). */
export async function listCoachesOfAthlete(db: Queryable, athleteId: string): Promise<CoachOfAthlete[]> {
  const { rows } = await db.query<CoachOfAthlete>(
    `select ca.coach_user_id as "coachUserId", u.display_name as "coachName", u.email as "coachEmail",
            ca.consent_text as "consentText", ca.consented_at as "consentedAt", ca.revoked_at as "revokedAt",
            ca.scopes, ca.share_private as "sharePrivate"
     from coach_athlete ca join app_user u on u.id = ca.coach_user_id
     where ca.athlete_id = $1
     order by (ca.revoked_at is null) desc, ca.consented_at desc`,
    [athleteId],
  );
  return rows;
}
