import type { Queryable } from '../pool';

export interface UserRow {
  id: string;
  role: 'athlete' | 'coach';
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  /** When the current `email` was confirmed (double opt-in); null while unconfirmed. */
  emailConfirmedAt: Date | null;
}

const USER_COLUMNS = `id, role, display_name as "displayName", email, password_hash as "passwordHash",
  email_confirmed_at as "emailConfirmedAt"`;

/**
 * Creates a coach account. Returns null when a coach with the same email (case-insensitive) exists:
 * the caller answers with a neutral message rather than a 500 from the unique index.
 */
export async function insertCoach(
  db: Queryable,
  coach: { email: string; displayName: string; passwordHash: string },
): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `insert into app_user (role, email, display_name, password_hash)
     values ('coach', $1, $2, $3)
     on conflict (lower(email)) where role = 'coach' do nothing
     returning ${USER_COLUMNS}`,
    [coach.email, coach.displayName, coach.passwordHash],
  );
  return rows[0] ?? null;
}

export async function findCoachByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from app_user where role = 'coach' and lower(email) = lower($1)`,
    [email],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, userId: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from app_user where id = $1`, [userId]);
  return rows[0] ?? null;
}

/**
 * A completed password reset proves control of the address it was mailed to: confirm it if it was not
 * (accounts created before sign-up required confirmation, or whose confirmation link expired).
 */
export async function confirmAddressByReset(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(
    `update app_user set email_confirmed_at = $2 where id = $1 and email is not null and email_confirmed_at is null`,
    [userId, now],
  );
}

/** Replaces a password hash (after a reset, or a transparent re-hash with stronger parameters). */
export async function updatePasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.query('update app_user set password_hash = $2 where id = $1', [userId, passwordHash]);
}

/**
 * Ends every server-side session of a user (after a password reset: whoever knew the old password is
 * signed out everywhere). Sessions are connect-pg-simple rows; the user id is inside the JSON.
 */
export async function deleteSessionsOfUser(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(`delete from session where sess->>'userId' = $1`, [userId]);
  return rowCount ?? 0;
}
