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
}

/**
 * Adds an email to the transactional outbox. Call it inside the transaction that made the email
 * necessary, so the message exists exactly when the fact does. Returns the new row id, or null when a
 * row with the same dedup key already exists.
 */
export async function insertOutboxEmail(db: Queryable, email: OutboxEmail): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `insert into email_outbox (dedup_key, kind, recipient, subject, text_body, html_body, headers, athlete_id, user_id, next_attempt_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, now()))
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
    ],
  );
  return rows[0]?.id ?? null;
}
