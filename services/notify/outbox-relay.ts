/**
 * The sending half of the transactional outbox: claim (database, lease) -> deliver (SMTP) -> mark.
 *
 * Delivery is at-least-once. A crash before the server's 250 leaves the row `sending`; when the lease
 * expires it is claimed again and sent: no duplicate, nothing lost. A crash AFTER the server accepted the
 * message and BEFORE our `sent` commit is the one ambiguous window: the lease expires and the message is
 * sent a second time, with the same Message-ID and X-Kneadwise-Key so mail stores can collapse it. We
 * chose a possible duplicate over a possible loss for recovery alerts (reliability.md 3.2) and keep the
 * window to a single UPDATE right after the 250. tests/integration/notify counts it.
 */
import { withTransaction } from '../../db/pool';
import { markAlertsOfEmail } from '../../db/queries/alerts';
import { markEmailUndeliverable } from '../../db/queries/email-addresses';
import {
  cancelOpenOutboxEmails,
  claimOutboxEmails,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type ClaimedEmail,
} from '../../db/queries/email-outbox';
import type { Deps } from '../deps';
import { ATHLETE_ALERT_KINDS, CONFIRM_EMAIL_KIND, isAthleteAlertKind, outboxMessageId } from './email-kinds';
import type { Mailer } from '../ports/mailer';
import { classifySmtpError, createMailer, type SmtpFailure } from './mailer';
import { openEmailSecrets } from './outbox-secrets';

/** How long a claim is exclusive; well above the mailer's connection + socket timeouts. */
export const LEASE_MS = 120_000;
/** Transient failures are retried at most this many attempts in all, then the row is `failed`. */
export const MAX_ATTEMPTS = 8;

/** Backoff before attempt n + 1: 30 s, 1 min, 2 min ... capped at 1 h. */
export function retryDelayMs(attemptsMade: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attemptsMade - 1));
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/** Test seam for the ambiguous window: runs after the SMTP 250, before the `sent` commit. */
export interface DeliveryHooks {
  afterSmtpAccepted?: (outboxId: string) => void | Promise<void>;
}

let fallbackMailer: Mailer | undefined;
function mailerOf(deps: Deps): Mailer {
  if (deps.mailer) return deps.mailer;
  fallbackMailer ??= createMailer(deps.config);
  return fallbackMailer;
}

/** Claims and sends one given row if it is due; 'skipped' when it is not (sent, leased, not yet due). */
export async function deliverOutboxEmail(
  deps: Deps,
  outboxId: string,
  hooks?: DeliveryHooks,
): Promise<DeliveryOutcome> {
  const [claimed] = await claimOutboxEmails(deps.db, {
    now: new Date(deps.clock()),
    leaseMs: LEASE_MS,
    limit: 1,
    id: outboxId,
  });
  return claimed ? deliverClaimed(deps, claimed, hooks) : 'skipped';
}

/**
 * Sends every due row, up to `limit` per call (the relay-outbox sweep): retries whose time came, rows
 * whose send-email job was lost, rows whose sender died (expired lease). One failure never stops the rest.
 */
export async function relayDueEmails(
  deps: Deps,
  opts: { limit?: number; hooks?: DeliveryHooks } = {},
): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { sent: 0, retry: 0, failed: 0, skipped: 0 };
  const claimed = await claimOutboxEmails(deps.db, {
    now: new Date(deps.clock()),
    leaseMs: LEASE_MS,
    limit: opts.limit ?? 25,
  });
  for (const email of claimed) {
    try {
      counts[await deliverClaimed(deps, email, opts.hooks)]++;
    } catch (err) {
      // e.g. the database went away mid-way: the lease expires and a later sweep takes the row again.
      deps.logger.warn({ err: (err as Error).message, outboxId: email.id }, 'outbox delivery interrupted');
      counts.skipped++;
    }
  }
  return counts;
}

async function deliverClaimed(
  deps: Deps,
  email: ClaimedEmail,
  hooks?: DeliveryHooks,
): Promise<DeliveryOutcome> {
  if (email.attempts > MAX_ATTEMPTS) {
    return fail(deps, email, { kind: 'permanent', reason: `gave up after ${MAX_ATTEMPTS} attempts` });
  }
  const messageId = outboxMessageId(email.id, deps.config.publicUrl);
  let opened: ClaimedEmail;
  try {
    opened = openEmailSecrets(deps.config.tokenEncryptionKeys, email);
  } catch (err) {
    // Tampered, or sealed with a key no longer configured: the links would not work anyway.
    return fail(deps, email, {
      kind: 'permanent',
      reason: `sealed links unreadable: ${(err as Error).message}`,
    });
  }
  let response: string;
  try {
    ({ response } = await mailerOf(deps).send({
      ...opened,
      to: opened.recipient,
      text: opened.textBody,
      html: opened.htmlBody,
      messageId,
    }));
  } catch (err) {
    const failure = classifySmtpError(err);
    if (failure.kind === 'transient' && email.attempts < MAX_ATTEMPTS)
      return retry(deps, email, failure.reason);
    return fail(
      deps,
      email,
      failure.kind === 'transient'
        ? { kind: 'permanent', reason: `gave up after ${email.attempts} attempts: ${failure.reason}` }
        : failure,
    );
  }
  // The ambiguous window (see the file comment): accepted by the server, not yet recorded.
  await hooks?.afterSmtpAccepted?.(email.id);
  const now = new Date(deps.clock());
  await withTransaction(deps.db, async (tx) => {
    await markOutboxSent(tx, email.id, { smtpResponse: response, messageId, now });
    if (isAthleteAlertKind(email.kind))
      await markAlertsOfEmail(tx, email.id, { status: 'sent', reason: null, now });
  });
  deps.metrics.emailsSent.inc({ kind: email.kind, outcome: 'sent' });
  return 'sent';
}

async function retry(deps: Deps, email: ClaimedEmail, reason: string): Promise<DeliveryOutcome> {
  const nextAttemptAt = new Date(deps.clock() + retryDelayMs(email.attempts));
  await markOutboxRetry(deps.db, email.id, { error: reason, nextAttemptAt });
  deps.metrics.emailsSent.inc({ kind: email.kind, outcome: 'retry' });
  deps.logger.warn(
    { outboxId: email.id, attempts: email.attempts, reason, nextAttemptAt },
    'email send failed; will retry',
  );
  return 'retry';
}

async function fail(
  deps: Deps,
  email: ClaimedEmail,
  failure: Exclude<SmtpFailure, { kind: 'transient' }>,
): Promise<DeliveryOutcome> {
  const now = new Date(deps.clock());
  await withTransaction(deps.db, async (tx) => {
    await markOutboxFailed(tx, email.id, { error: failure.reason });
    if (isAthleteAlertKind(email.kind)) {
      await markAlertsOfEmail(tx, email.id, {
        status: 'suppressed',
        reason: `The email could not be delivered: ${failure.reason}`,
        now,
      });
    }
    if (failure.kind === 'bad-address' && email.userId) {
      await markEmailUndeliverable(
        tx,
        email.userId,
        email.recipient,
        `the mail server refused it (${failure.reason})`,
        now,
      );
      if (email.kind !== CONFIRM_EMAIL_KIND) {
        await cancelOpenOutboxEmails(
          tx,
          { userId: email.userId, kinds: [...ATHLETE_ALERT_KINDS, 'coach-alert'] },
          'address undeliverable',
        );
      }
    }
  });
  deps.metrics.emailsSent.inc({
    kind: email.kind,
    outcome: failure.kind === 'bad-address' ? 'bad_address' : 'failed',
  });
  deps.logger.warn(
    { outboxId: email.id, kind: email.kind, reason: failure.reason },
    'email failed permanently',
  );
  return 'failed';
}

/**
 * After the transaction that inserted outbox rows commits: queue their send-email jobs, delayed to their
 * send time. Best effort: if Redis is down the relay-outbox sweep sends them anyway.
 */
export async function enqueueOutboxEmails(
  deps: Deps,
  emails: readonly { id: string; notBeforeMs: number }[],
): Promise<void> {
  for (const email of emails) {
    const delay = Math.max(0, email.notBeforeMs - deps.clock());
    await deps.queues
      .enqueue('send-email', { outboxId: email.id }, delay > 0 ? { delay } : {})
      .catch((err: Error) => {
        deps.logger.warn(
          { err: err.message, outboxId: email.id },
          'could not queue send-email; the relay will send it',
        );
      });
  }
}
