import type { Queryable } from '../../db/pool';
import { countConfirmationsSince, setPendingEmail } from '../../db/queries/email-addresses';
import { insertOutboxEmail } from '../../db/queries/email-outbox';
import { AppError } from '../errors';
import type { NotifyDeps } from '../deps';
import type { QueuedEmail } from './alert-delivery';
import { CONFIRM_EMAIL_KIND } from './email-kinds';
import { sealEmailSecrets } from './outbox-secrets';
import { renderConfirmationEmail } from './render';
import { LINK_TTL_S, linkUrl, signLink } from './signed-links';

/** Confirmation emails per user per hour: enough for typos, too few to mail-bomb someone. */
export const MAX_CONFIRMATIONS_PER_HOUR = 5;

/**
 * Double opt-in, step one: records `address` as awaiting confirmation for the user and queues the
 * confirmation email (signed, single-use, 48 h link) in the caller's transaction. Enqueue the returned
 * email after the commit. Throws AppError('rate_limited') past MAX_CONFIRMATIONS_PER_HOUR. Usable for
 * coaches' addresses too (issue 7): confirming sets app_user.email_confirmed_at.
 */
export async function requestEmailConfirmation(
  tx: Queryable,
  deps: NotifyDeps,
  input: {
    userId: string;
    athleteId?: string | null;
    address: string;
    recipientName: string | null;
    nowMs: number;
  },
): Promise<QueuedEmail> {
  const sinceHour = new Date(input.nowMs - 3_600_000);
  if ((await countConfirmationsSince(tx, input.userId, sinceHour)) >= MAX_CONFIRMATIONS_PER_HOUR) {
    throw new AppError('rate_limited', 'Too many confirmation emails in the last hour; try again later.');
  }
  await setPendingEmail(tx, input.userId, input.address, new Date(input.nowMs));
  const token = signLink(deps.config.sessionSecret, {
    purpose: 'confirm-email',
    subject: input.userId,
    value: input.address,
    nowMs: input.nowMs,
  });
  const rendered = renderConfirmationEmail({
    recipientName: input.recipientName,
    confirmUrl: linkUrl(deps.config.publicUrl, '/email/confirm', token),
    expiresInH: Math.round(LINK_TTL_S['confirm-email'] / 3600),
  });
  const dedupKey = `confirm-${input.userId}-${token.slice(-16)}`;
  const content = sealEmailSecrets(deps.config.tokenEncryptionKeys, dedupKey, {
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    headers: { 'X-Kneadwise-Key': dedupKey },
  });
  const id = await insertOutboxEmail(tx, {
    dedupKey,
    kind: CONFIRM_EMAIL_KIND,
    recipient: input.address,
    ...content,
    athleteId: input.athleteId ?? null,
    userId: input.userId,
    notBefore: new Date(input.nowMs),
  });
  if (!id) throw new Error('confirmation email dedup key collided');
  return { id, notBeforeMs: input.nowMs };
}
