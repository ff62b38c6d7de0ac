import { findCoachByEmail, insertCoach, updatePasswordHash, type UserRow } from '../../db/queries/users';
import type { Queryable } from '../../db/pool';
import { AppError } from '../errors';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hash';
import { passwordProblem } from './password-policy';

export interface CoachSignUp {
  email: string;
  displayName: string;
  password: string;
}

/**
 * Creates a coach account. Bad passwords are refused with a reason (400); an email already registered
 * answers 409 with a neutral message. Not idempotent by design: the second call is the conflict.
 */
export async function signUpCoach(db: Queryable, input: CoachSignUp): Promise<UserRow> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw new AppError('bad_request', problem, { field: 'password' });
  const passwordHash = await hashPassword(input.password);
  const user = await insertCoach(db, {
    email: input.email.trim(),
    displayName: input.displayName.trim(),
    passwordHash,
  });
  if (!user) {
    throw new AppError(
      'conflict',
      'An account with this email already exists: sign in or reset your password.',
      {
        field: 'email',
      },
    );
  }
  return user;
}

/**
 * Checks a coach's email and password. Returns the user, or null for any mismatch (unknown email and wrong
 * password look the same, and take the same time: a dummy hash is verified when there is no account).
 * A hash with outdated parameters is upgraded on success.
 */
export async function authenticateCoach(
  db: Queryable,
  email: string,
  password: string,
): Promise<UserRow | null> {
  const user = await findCoachByEmail(db, email.trim());
  const stored = user?.passwordHash ?? (await dummyPasswordHash());
  const ok = await verifyPassword(password, stored);
  if (!user || !user.passwordHash || !ok) return null;
  if (needsRehash(user.passwordHash)) await updatePasswordHash(db, user.id, await hashPassword(password));
  return user;
}
