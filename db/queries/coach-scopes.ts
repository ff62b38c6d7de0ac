import type { Queryable } from '../pool';

/** What a coach may do with an athlete's data: "see" comes with consent, the rest the athlete grants. */
export type CoachScope = 'see' | 'adjust-training';

/** The scopes of a live (not revoked, athlete connected) link, or null when there is none. */
export async function activeCoachScopes(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
): Promise<CoachScope[] | null> {
  const { rows } = await db.query<{ scopes: CoachScope[] }>(
    `select ca.scopes from coach_athlete ca join athlete a on a.id = ca.athlete_id
     where ca.coach_user_id = $1 and ca.athlete_id = $2 and ca.revoked_at is null
       and a.connection_state <> 'disconnected'`,
    [coachUserId, athleteId],
  );
  return rows[0]?.scopes ?? null;
}

/** Sets whether a live link may adjust training settings; false when there is no live link. */
export async function setAdjustTrainingScope(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
  allowed: boolean,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update coach_athlete set scopes = case when $3 then array['see', 'adjust-training'] else array['see'] end
     where coach_user_id = $1 and athlete_id = $2 and revoked_at is null`,
    [coachUserId, athleteId, allowed],
  );
  return (rowCount ?? 0) > 0;
}

export interface CoachChange {
  athleteId: string;
  coachUserId: string;
  actor: 'coach' | 'athlete';
  action: 'physiology-changed' | 'scope-granted' | 'scope-withdrawn';
  detail: Record<string, unknown>;
  at: Date;
}

/** Appends one event to the athlete's audit of coach changes (same transaction as the change). */
export async function recordCoachChange(db: Queryable, change: CoachChange): Promise<void> {
  await db.query(
    `insert into coach_change_event (athlete_id, coach_user_id, actor, action, detail, at) values ($1, $2, $3, $4, $5, $6)`,
    [
      change.athleteId,
      change.coachUserId,
      change.actor,
      change.action,
      JSON.stringify(change.detail),
      change.at,
    ],
  );
}

/** The athlete's audit, newest first, with the coach's name. */
export async function listCoachChanges(
  db: Queryable,
  athleteId: string,
  limit = 200,
): Promise<(CoachChange & { coachName: string })[]> {
  const { rows } = await db.query<CoachChange & { coachName: string }>(
    `select e.athlete_id as "athleteId", e.coach_user_id as "coachUserId", u.display_name as "coachName",
            e.actor, e.action, e.detail, e.at
     from coach_change_event e join app_user u on u.id = e.coach_user_id
     where e.athlete_id = $1 order by e.at desc, e.id desc limit $2`,
    [athleteId, limit],
  );
  return rows;
}
