import { createHash, randomBytes } from 'node:crypto';
import { withTransaction, type Db } from '../../db/pool';
import { insertOutboxEmail } from '../../db/queries/email-outbox';
import {
  consumePasswordReset,
  findPasswordReset,
  insertPasswordReset,
  type ResetLookup,
} from '../../db/queries/password-resets';
import {
  confirmAddressByReset,
  deleteSessionsOfUser,
  findCoachByEmail,
  findUserById,
  updatePasswordHash,
} from '../../db/queries/users';
import { sealEmailSecrets } from '../notify/outbox-secrets';
import { renderPasswordResetEmail } from '../notify/render';
import { AppError } from '../errors';
import { hashPassword } from './password-hash';
import { passwordProblem } from './password-policy';

/** A reset link is good for one hour and one use. */
export const RESET_TTL_MS = 3600_000;

/** SHA-256 of a link token: what the database stores and looks up. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface ResetContext {
  db: Db;
  publicUrl: string;
  now: Date;
  /** TOKEN_ENCRYPTION_KEY: the reset link is stored in the outbox sealed with it (outbox-secrets.ts). */
  sealingKeys: string;
}

/**
 * Emails a reset link when a coach with this address exists; does nothing otherwise, and the caller
 * answers the same either way (no account enumeration). The email goes through the outbox in the same
 * transaction as the token, so a link exists exactly when its email does.
 */
export async function requestPasswordReset(ctx: ResetContext, email: string): Promise<void> {
  const user = await findCoachByEmail(ctx.db, email.trim());
  if (!user || !user.email) return;
  const token = newToken();
  const rendered = renderPasswordResetEmail({
    recipientName: user.displayName || null,
    resetUrl: `${ctx.publicUrl}/password-reset/confirm#token=${token}`,
    expiresInMin: RESET_TTL_MS / 60_000,
  });
  await withTransaction(ctx.db, async (tx) => {
    const id = await insertPasswordReset(tx, {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(ctx.now.getTime() + RESET_TTL_MS),
    });
    const dedupKey = `password-reset-${id}`;
    await insertOutboxEmail(tx, {
      dedupKey,
      kind: 'password-reset',
      recipient: user.email!,
      ...sealEmailSecrets(ctx.sealingKeys, dedupKey, {
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
      }),
      userId: user.id,
    });
  });
}

/** The state of a reset token, for the form ("this link has expired" before asking for a password). */
export function inspectPasswordReset(ctx: ResetContext, token: string): Promise<ResetLookup> {
  return findPasswordReset(ctx.db, hashToken(token), ctx.now);
}

const RESET_MESSAGES: Record<Exclude<ResetLookup['state'], 'valid'>, string> = {
  unknown: 'This reset link is not valid. Request a new one.',
  used: 'This reset link was already used. Request a new one if you need to.',
  expired: 'This reset link has expired (links last one hour). Request a new one.',
};

/**
 * Sets a new password from a reset link: single use (atomic), every other session of the user ends.
 * Returns the user id. Throws AppError 400 with a reason for a weak password, 410 for a dead link.
 */
export async function completePasswordReset(
  ctx: ResetContext,
  token: string,
  password: string,
): Promise<string> {
  const lookup = await inspectPasswordReset(ctx, token);
  if (lookup.state !== 'valid')
    throw new AppError('gone', RESET_MESSAGES[lookup.state], { reason: lookup.state });
  const user = await findUserById(ctx.db, lookup.userId);
  const problem = passwordProblem(password, user?.email ?? undefined);
  if (problem) throw new AppError('bad_request', problem, { field: 'password' });
  const passwordHash = await hashPassword(password);
  return withTransaction(ctx.db, async (tx) => {
    const userId = await consumePasswordReset(tx, hashToken(token), ctx.now);
    if (!userId) throw new AppError('gone', RESET_MESSAGES.used, { reason: 'used' });
    await updatePasswordHash(tx, userId, passwordHash);
    await confirmAddressByReset(tx, userId, ctx.now);
    await deleteSessionsOfUser(tx, userId);
    return userId;
  });
}
