import type { Queryable } from '../pool';

export type InviteState = 'open' | 'used' | 'expired' | 'revoked';

export interface InviteRow {
  id: string;
  coachUserId: string;
  coachName: string;
  note: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedByAthleteId: string | null;
  revokedAt: Date | null;
}

const INVITE_COLUMNS = `i.id, i.coach_user_id as "coachUserId", u.display_name as "coachName", i.note,
  i.created_at as "createdAt", i.expires_at as "expiresAt", i.used_at as "usedAt",
  i.used_by_athlete_id as "usedByAthleteId", i.revoked_at as "revokedAt"`;

/** The state of an invite at `now`: revoked and used win over expired (they say more). */
export function inviteState(
  row: Pick<InviteRow, 'expiresAt' | 'usedAt' | 'revokedAt'>,
  now: Date,
): InviteState {
  if (row.revokedAt) return 'revoked';
  if (row.usedAt) return 'used';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

export async function insertInvite(
  db: Queryable,
  invite: { coachUserId: string; tokenHash: Buffer; note: string; expiresAt: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into coach_invite (coach_user_id, token_hash, note, expires_at) values ($1, $2, $3, $4) returning id`,
    [invite.coachUserId, invite.tokenHash, invite.note, invite.expiresAt],
  );
  return rows[0]!.id;
}

export async function findInviteByTokenHash(db: Queryable, tokenHash: Buffer): Promise<InviteRow | null> {
  const { rows } = await db.query<InviteRow>(
    `select ${INVITE_COLUMNS} from coach_invite i join app_user u on u.id = i.coach_user_id where i.token_hash = $1`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** A coach's invites, newest first (at most 200: older ones are history nobody reads). */
export async function listInvitesOfCoach(db: Queryable, coachUserId: string): Promise<InviteRow[]> {
  const { rows } = await db.query<InviteRow>(
    `select ${INVITE_COLUMNS} from coach_invite i join app_user u on u.id = i.coach_user_id
     where i.coach_user_id = $1 order by i.created_at desc limit 200`,
    [coachUserId],
  );
  return rows;
}

/** Revokes one of the coach's own open invites; false when it is not theirs or no longer open. */
export async function revokeInvite(
  db: Queryable,
  coachUserId: string,
  inviteId: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update coach_invite set revoked_at = $3
     where id = $1 and coach_user_id = $2 and revoked_at is null and used_at is null`,
    [inviteId, coachUserId, now],
  );
  return (rowCount ?? 0) > 0;
}

/** Consumes an open invite atomically: exactly one concurrent accept wins. */
export async function markInviteUsed(
  db: Queryable,
  inviteId: string,
  athleteId: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update coach_invite set used_at = $3, used_by_athlete_id = $2
     where id = $1 and used_at is null and revoked_at is null and expires_at > $3`,
    [inviteId, athleteId, now],
  );
  return (rowCount ?? 0) > 0;
}
