import type { Queryable } from '../pool';

export type AlertStatus = 'pending' | 'queued' | 'sent' | 'cancelled' | 'suppressed';

export interface AlertUpsert {
  athleteId: string;
  ruleId: string;
  bodyArea: string;
  localDate: string;
  details: Record<string, unknown>;
}

export interface AlertRow {
  id: string;
  ruleId: string;
  bodyArea: string;
  localDate: string;
  status: AlertStatus;
  activityId: string | null;
}

const ALERT_COLUMNS = `id::text, rule_id as "ruleId", body_area as "bodyArea", to_char(local_date, 'YYYY-MM-DD') as "localDate",
  status, details->>'activityId' as "activityId"`;

/**
 * Serialises alert decisions per athlete for the rest of the transaction (two recomputes of the same
 * athlete would otherwise both see "no open email" and create two).
 */
export async function lockAthleteAlerts(db: Queryable, athleteId: string): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('kneadwise-alerts'), hashtext($1))`, [athleteId]);
}

/**
 * Inserts an alert on its natural key (athlete, rule, body area, day), or refreshes the details of the
 * existing one. A cancelled alert that holds again is revived to `pending`. Rows come back `pending`
 * exactly when they need a delivery decision; every other status is left alone.
 */
export async function upsertAlert(db: Queryable, a: AlertUpsert, now: Date): Promise<AlertRow> {
  const { rows } = await db.query<AlertRow>(
    `insert into alert (athlete_id, rule_id, body_area, local_date, status, details, created_at, updated_at)
     values ($1, $2, $3, $4, 'pending', $5, $6, $6)
     on conflict (athlete_id, rule_id, body_area, local_date) do update
       set details = excluded.details, updated_at = excluded.updated_at,
           status = case when alert.status = 'cancelled' then 'pending' else alert.status end,
           status_reason = case when alert.status = 'cancelled' then null else alert.status_reason end
     returning ${ALERT_COLUMNS}`,
    [a.athleteId, a.ruleId, a.bodyArea, a.localDate, JSON.stringify(a.details), now],
  );
  const row = rows[0];
  if (!row) throw new Error('alert upsert returned no row');
  return row;
}

/** Cancels the athlete's not-yet-sent alerts except `keepIds` (their rule no longer holds). */
export async function cancelAlertsExcept(
  db: Queryable,
  athleteId: string,
  keepIds: readonly string[],
  reason: string,
  now: Date,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `update alert set status = 'cancelled', status_reason = $3, updated_at = $4
     where athlete_id = $1 and status in ('pending', 'queued', 'suppressed') and not (id = any($2::bigint[]))
     returning id::text`,
    [athleteId, keepIds, reason, now],
  );
  return rows.map((r) => r.id);
}

export async function setAlertStatus(
  db: Queryable,
  ids: readonly string[],
  status: AlertStatus,
  reason: string | null,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `update alert set status = $2, status_reason = $3, updated_at = $4 where id = any($1::bigint[])`,
    [ids, status, reason, now],
  );
}

/** Records that `outboxId` carries these alerts (idempotent). */
export async function linkAlertsToEmail(
  db: Queryable,
  alertIds: readonly string[],
  outboxId: string,
): Promise<void> {
  if (alertIds.length === 0) return;
  await db.query(
    `insert into alert_delivery (alert_id, outbox_id) select unnest($1::bigint[]), $2 on conflict do nothing`,
    [alertIds, outboxId],
  );
}

/** Alerts an email carries that still hold (not cancelled), oldest first. */
export async function liveAlertsOfEmail(db: Queryable, outboxId: string): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `select ${ALERT_COLUMNS} from alert a join alert_delivery d on d.alert_id = a.id
     where d.outbox_id = $1 and a.status <> 'cancelled' order by a.id`,
    [outboxId],
  );
  return rows;
}

/** After the athlete's email went out: its queued alerts are sent. */
export async function markAlertsOfEmail(
  db: Queryable,
  outboxId: string,
  to: { status: AlertStatus; reason: string | null; now: Date },
): Promise<void> {
  await db.query(
    `update alert set status = $2, status_reason = $3, updated_at = $4
     where id in (select alert_id from alert_delivery where outbox_id = $1) and status = 'queued'`,
    [outboxId, to.status, to.reason, to.now],
  );
}

/** Titles and days of activities, for the email (ids the alerts point at). */
export async function activityRefs(
  db: Queryable,
  athleteId: string,
  activityIds: readonly string[],
): Promise<{ id: string; title: string; localDate: string; rpe: number | null }[]> {
  if (activityIds.length === 0) return [];
  const { rows } = await db.query<{ id: string; title: string; localDate: string; rpe: number | null }>(
    `select id::text, name as title, to_char(local_date, 'YYYY-MM-DD') as "localDate", rpe from activity
     where athlete_id = $1 and id = any($2::bigint[]) order by start_date desc`,
    [athleteId, activityIds],
  );
  return rows;
}

/** The athlete's most recent activity that started after `since` (for the RPE question when no alert names one). */
export async function latestActivitySince(
  db: Queryable,
  athleteId: string,
  since: Date,
): Promise<{ id: string; title: string; localDate: string; rpe: number | null } | null> {
  const { rows } = await db.query<{ id: string; title: string; localDate: string; rpe: number | null }>(
    `select id::text, name as title, to_char(local_date, 'YYYY-MM-DD') as "localDate", rpe from activity
     where athlete_id = $1 and start_date >= $2 order by start_date desc limit 1`,
    [athleteId, since],
  );
  return rows[0] ?? null;
}

/** Alerts of an athlete, newest day first (dashboards and tests). */
export async function listAlerts(
  db: Queryable,
  athleteId: string,
): Promise<(AlertRow & { statusReason: string | null })[]> {
  const { rows } = await db.query<AlertRow & { statusReason: string | null }>(
    `select ${ALERT_COLUMNS}, status_reason as "statusReason" from alert where athlete_id = $1 order by local_date desc, id`,
    [athleteId],
  );
  return rows;
}

/**
 * Runs `fn` under a savepoint of the caller's transaction: if it throws, its writes are undone and the
 * transaction stays usable, so one athlete's failed email never aborts the recompute around it.
 */
export async function withSavepoint<T>(
  tx: Queryable,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  await tx.query('savepoint notify_email');
  try {
    const value = await fn();
    await tx.query('release savepoint notify_email');
    return { ok: true, value };
  } catch (err) {
    await tx.query('rollback to savepoint notify_email');
    return { ok: false, error: err as Error };
  }
}
