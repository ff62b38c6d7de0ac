import { insertOutboxEmail } from '../../db/queries/email-outbox';
import { findCoachByEmail, insertCoach, updatePasswordHash, type UserRow } from '../../db/queries/users';
import type { Queryable } from '../../db/pool';
import { AppError } from '../errors';
import type { QueuedEmail } from '../notify/alert-delivery';
import type { NotifyDeps } from '../deps';
import { requestEmailConfirmation } from '../notify/email-confirmation';
import { ACCOUNT_EXISTS_KIND } from '../notify/email-kinds';
import { renderAccountExistsEmail } from '../notify/render';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hash';
import { passwordProblem } from './password-policy';

export interface CoachSignUp {
  email: string;
  displayName: string;
  password: string;
}

/**
 * Coach sign-up, answering the same whether or not the address is registered (ASVS 6.3.8: no account
 * enumeration). A new address gets an unconfirmed account and the double opt-in email; a registered one
 * gets, instead, an email telling its owner (sign in or reset the password) and nothing else changes.
 * The password is hashed either way, so both take the same time. Bad passwords are refused with a reason
 * (400): the policy looks at the password and the typed address only. Runs in the caller's transaction;
 * enqueue the returned email after the commit (none when the hourly limit for that address is reached).
 */
export async function signUpCoach(
  tx: Queryable,
  deps: NotifyDeps,
  input: CoachSignUp & { nowMs: number },
): Promise<QueuedEmail | null> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw new AppError('bad_request', problem, { field: 'password' });
  const email = input.email.trim();
  const passwordHash = await hashPassword(input.password);
  const user = await insertCoach(tx, { email, displayName: input.displayName.trim(), passwordHash });
  if (user) {
    return requestEmailConfirmation(tx, deps, {
      userId: user.id,
      address: email,
      recipientName: user.displayName,
      nowMs: input.nowMs,
    }).catch((err: unknown) => ignoreRateLimit(err));
  }
  const existing = await findCoachByEmail(tx, email);
  return existing ? queueAccountExistsEmail(tx, deps, existing, input.nowMs) : null;
}

/** Past the hourly limit the sign-up still answers as usual; the address just gets no more mail. */
function ignoreRateLimit(err: unknown): null {
  if (err instanceof AppError && err.code === 'rate_limited') return null;
  throw err;
}

/** At most one "you already have an account" email per account per hour, so sign-up cannot mail-bomb. */
async function queueAccountExistsEmail(
  tx: Queryable,
  deps: NotifyDeps,
  user: UserRow,
  nowMs: number,
): Promise<QueuedEmail | null> {
  const rendered = renderAccountExistsEmail({
    recipientName: user.displayName,
    loginUrl: `${deps.config.publicUrl}/login`,
    resetUrl: `${deps.config.publicUrl}/password-reset`,
  });
  const dedupKey = `account-exists-${user.id}-${Math.floor(nowMs / 3_600_000)}`;
  const id = await insertOutboxEmail(tx, {
    dedupKey,
    kind: ACCOUNT_EXISTS_KIND,
    recipient: user.email ?? '',
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    headers: { 'X-Kneadwise-Key': dedupKey },
    athleteId: null,
    userId: user.id,
    notBefore: new Date(nowMs),
    // Sign-in and reset links here carry no token: nothing to seal.
    sealedSecrets: null,
  });
  return id ? { id, notBeforeMs: nowMs } : null;
}

/**
 * Checks a coach's email and password. Returns the user, or null for any mismatch (unknown email and wrong
 * password look the same, and take the same time: a dummy hash is verified when there is no account).
 * An account whose address was never confirmed cannot sign in and looks the same as a wrong password:
 * otherwise signing up with someone's address and then signing in would tell whether it was registered.
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
  if (!user || !user.passwordHash || !ok || !user.emailConfirmedAt) return null;
  if (needsRehash(user.passwordHash)) await updatePasswordHash(db, user.id, await hashPassword(password));
  return user;
}
