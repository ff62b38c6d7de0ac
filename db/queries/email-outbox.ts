import type { Queryable } from '../pool';

export interface OutboxEmail {
  /** Natural key of the message (e.g. `alert-<id>`, `confirm-<userId>-<nonce>`): a second insert is a no-op. */
  dedupKey: string;
  kind: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers?: Record<string, string>;
  athleteId?: string | null;
  userId?: string | null;
  /** Earliest send time (quiet hours, digests); default now. */
  notBefore?: Date;
  /**
   * The link tokens of this email, encrypted (services/notify/outbox-secrets.ts: sealEmailSecrets); the
   * bodies carry placeholders. Required so no caller can store a usable link by forgetting it.
   */
  sealedSecrets: Buffer | null;
}

/**
 * Adds an email to the transactional outbox. Call it inside the transaction that made the email
 * necessary, so the message exists exactly when the fact does. Returns the new row id, or null when a
 * row with the same dedup key already exists.
 */
export async function insertOutboxEmail(db: Queryable, email: OutboxEmail): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `insert into email_outbox (dedup_key, kind, recipient, subject, text_body, html_body, headers, athlete_id, user_id, next_attempt_at, sealed_secrets)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, now()), $11)
     on conflict (dedup_key) do nothing
     returning id::text`,
    [
      email.dedupKey,
      email.kind,
      email.recipient,
      email.subject,
      email.textBody,
      email.htmlBody,
      JSON.stringify(email.headers ?? {}),
      email.athleteId ?? null,
      email.userId ?? null,
      email.notBefore ?? null,
      email.sealedSecrets,
    ],
  );
  return rows[0]?.id ?? null;
}

/** A claimed outbox row, ready to hand to the mailer. */
export interface ClaimedEmail {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
  userId: string | null;
  athleteId: string | null;
  /** Attempts including this one. */
  attempts: number;
  dedupKey: string;
  sealedSecrets: Buffer | null;
}

const CLAIMED_COLUMNS = `id::text, kind, recipient, subject, text_body as "textBody", html_body as "htmlBody", headers,
  user_id as "userId", athlete_id as "athleteId", attempts, dedup_key as "dedupKey", sealed_secrets as "sealedSecrets"`;

/**
 * Claims due rows for sending: pending rows whose time has come, and `sending` rows whose lease ran out
 * (their sender died). `for update skip locked` lets any number of senders run at once without waiting
 * on each other; the lease keeps a row theirs until `now + leaseMs`. Pass `id` to claim one given row.
 */
export async function claimOutboxEmails(
  db: Queryable,
  opts: { now: Date; leaseMs: number; limit: number; id?: string },
): Promise<ClaimedEmail[]> {
  const { rows } = await db.query<ClaimedEmail>(
    `update email_outbox set status = 'sending', attempts = attempts + 1,
            lease_until = $1::timestamptz + make_interval(secs => $2::double precision / 1000)
     where id in (
       select id from email_outbox
       where ($4::bigint is null or id = $4::bigint) and next_attempt_at <= $1
         and (status = 'pending' or (status = 'sending' and lease_until < $1))
       order by next_attempt_at, id limit $3
       for update skip locked)
     returning ${CLAIMED_COLUMNS}`,
    [opts.now, opts.leaseMs, opts.limit, opts.id ?? null],
  );
  return rows;
}

/** Marks a claimed row sent with the server's reply; a second call is a no-op. */
export async function markOutboxSent(
  db: Queryable,
  id: string,
  result: { smtpResponse: string; messageId: string; now: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update email_outbox set status = 'sent', sent_at = $2, smtp_response = $3, message_id = $4, lease_until = null, last_error = null
     where id = $1 and status = 'sending'`,
    [id, result.now, result.smtpResponse.slice(0, 500), result.messageId],
  );
  return (rowCount ?? 0) > 0;
}

/** A transient failure: back to pending until `nextAttemptAt`. */
export async function markOutboxRetry(
  db: Queryable,
  id: string,
  failure: { error: string; nextAttemptAt: Date },
): Promise<void> {
  await db.query(
    `update email_outbox set status = 'pending', lease_until = null, last_error = $2, next_attempt_at = $3
     where id = $1 and status = 'sending'`,
    [id, failure.error.slice(0, 500), failure.nextAttemptAt],
  );
}

/** A permanent failure (5xx, bad address, attempts exhausted): never tried again. */
export async function markOutboxFailed(
  db: Queryable,
  id: string,
  failure: { error: string; smtpResponse?: string },
): Promise<void> {
  await db.query(
    `update email_outbox set status = 'failed', lease_until = null, last_error = $2, smtp_response = $3
     where id = $1 and status in ('sending', 'pending')`,
    [id, failure.error.slice(0, 500), failure.smtpResponse?.slice(0, 500) ?? null],
  );
}

/**
 * The open (pending, unclaimed) email of one kind to one user about one athlete, locked for update, or
 * null. A row a sender claimed meanwhile is `sending` and no longer qualifies once the lock is granted.
 */
export async function lockOpenOutboxEmail(
  db: Queryable,
  key: { userId: string; athleteId: string; kinds: readonly string[] },
): Promise<{ id: string; kind: string; dedupKey: string; notBefore: Date } | null> {
  const { rows } = await db.query<{ id: string; kind: string; dedupKey: string; notBefore: Date }>(
    `select id::text, kind, dedup_key as "dedupKey", next_attempt_at as "notBefore" from email_outbox
     where user_id = $1 and athlete_id = $2 and kind = any($3) and status = 'pending'
     order by id desc limit 1 for update`,
    [key.userId, key.athleteId, key.kinds],
  );
  return rows[0] ?? null;
}

/** Replaces the content of a still-pending email (new alerts joined it); false if it was claimed. */
export async function updateOpenOutboxEmail(
  db: Queryable,
  id: string,
  content: {
    subject: string;
    textBody: string;
    htmlBody: string;
    headers: Record<string, string>;
    sealedSecrets: Buffer | null;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update email_outbox set subject = $2, text_body = $3, html_body = $4, headers = $5, sealed_secrets = $6
     where id = $1 and status = 'pending'`,
    [
      id,
      content.subject,
      content.textBody,
      content.htmlBody,
      JSON.stringify(content.headers),
      content.sealedSecrets,
    ],
  );
  return (rowCount ?? 0) > 0;
}

/** Cancels pending emails (by id, or every pending one of a user and kinds); returns the cancelled ids. */
export async function cancelOpenOutboxEmails(
  db: Queryable,
  filter: { ids?: readonly string[]; userId?: string; athleteId?: string; kinds?: readonly string[] },
  reason: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `update email_outbox set status = 'cancelled', last_error = $5
     where status = 'pending' and ($1::bigint[] is null or id = any($1::bigint[]))
       and ($2::uuid is null or user_id = $2) and ($3::uuid is null or athlete_id = $3)
       and ($4::text[] is null or kind = any($4))
     returning id::text`,
    [filter.ids ?? null, filter.userId ?? null, filter.athleteId ?? null, filter.kinds ?? null, reason],
  );
  return rows.map((r) => r.id);
}

/** When the last email of these kinds to this user about this athlete went out (or started to), or null. */
export async function lastOutboxSendAt(
  db: Queryable,
  key: { userId: string; athleteId: string; kinds: readonly string[] },
): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    `select max(coalesce(sent_at, next_attempt_at)) as at from email_outbox
     where user_id = $1 and athlete_id = $2 and kind = any($3) and status in ('sent', 'sending')`,
    [key.userId, key.athleteId, key.kinds],
  );
  return rows[0]?.at ?? null;
}

/** Outbox rows per status (operations and tests). */
export async function countOutboxByStatus(db: Queryable): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from email_outbox group by status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * Empties the bodies of emails that are done (sent, failed or cancelled) before `before`: alert emails
 * quote activity titles, which are Strava data (7-day cache). Subject, recipient and delivery record stay.
 */
export async function purgeFinishedEmailBodies(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    `update email_outbox set text_body = '', html_body = ''
     where status in ('sent', 'failed', 'cancelled') and coalesce(sent_at, created_at) < $1
       and (text_body <> '' or html_body <> '')`,
    [before],
  );
  return rowCount ?? 0;
}
