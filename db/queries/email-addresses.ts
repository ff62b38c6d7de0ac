import type { Queryable } from '../pool';

/**
 * Stores a new address awaiting confirmation. The confirmed address (if any) keeps receiving alerts
 * until the new one is confirmed, so a typo never silences a working address.
 */
export async function setPendingEmail(
  db: Queryable,
  userId: string,
  address: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update app_user set email_pending = $2, email_pending_requested_at = $3 where id = $1`,
    [userId, address, now],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Confirms `address` for the user when it is still the one awaiting confirmation (or, for an account
 * created with an address, the unconfirmed current one). Returns false when the link is stale: the user
 * asked for a different address since, or (coaches) another coach account holds that address now.
 */
export async function confirmEmail(
  db: Queryable,
  userId: string,
  address: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update app_user set email = $2, email_confirmed_at = $3, email_pending = null, email_pending_requested_at = null,
            email_status = 'ok', email_status_reason = null, email_status_at = $3
     where id = $1 and (lower(email_pending) = lower($2) or (email_pending is null and lower(email) = lower($2)))
       and not (role = 'coach' and exists (
         select 1 from app_user o where o.role = 'coach' and o.id <> $1 and lower(o.email) = lower($2)))`,
    [userId, address, now],
  );
  return (rowCount ?? 0) > 0;
}

/** The mail server rejected the address permanently: stop mailing it and tell the user why. */
export async function markEmailUndeliverable(
  db: Queryable,
  userId: string,
  address: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db.query(
    `update app_user set email_status = 'undeliverable', email_status_reason = $3, email_status_at = $4
     where id = $1 and lower(email) = lower($2)`,
    [userId, address, reason.slice(0, 300), now],
  );
  await db.query(
    `update app_user set email_pending = null, email_status_reason = $3, email_status_at = $4
     where id = $1 and lower(email_pending) = lower($2)`,
    [userId, address, `The address ${address} could not be confirmed: ${reason}`.slice(0, 400), now],
  );
}

/** Removes the athlete's address (confirmed and pending): no more emails. */
export async function clearEmail(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `update app_user set email = null, email_confirmed_at = null, email_pending = null, email_pending_requested_at = null,
            email_status = 'ok', email_status_reason = null where id = $1 and role = 'athlete'`,
    [userId],
  );
}

/** Confirmation emails queued for this user since `since` (abuse limit of the address form). */
export async function countConfirmationsSince(db: Queryable, userId: string, since: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from email_outbox where user_id = $1 and kind = 'confirm-email' and created_at >= $2`,
    [userId, since],
  );
  return rows[0]?.n ?? 0;
}

/** After a confirmation, pending alert emails go to the new address. */
export async function retargetPendingEmails(db: Queryable, userId: string, address: string): Promise<void> {
  await db.query(
    `update email_outbox set recipient = $2 where user_id = $1 and status = 'pending' and kind <> 'confirm-email'`,
    [userId, address],
  );
}

export interface AccountEmail {
  displayName: string;
  address: string | null;
  confirmedAt: Date | null;
  pending: string | null;
  status: 'ok' | 'undeliverable';
  statusReason: string | null;
}

/** A user's address state: current, when confirmed, awaiting confirmation, deliverability. */
export async function getAccountEmail(db: Queryable, userId: string): Promise<AccountEmail | null> {
  const { rows } = await db.query<AccountEmail>(
    `select display_name as "displayName", email as address, email_confirmed_at as "confirmedAt",
            email_pending as pending, coalesce(email_status, 'ok') as status, email_status_reason as "statusReason"
     from app_user where id = $1`,
    [userId],
  );
  return rows[0] ?? null;
}
