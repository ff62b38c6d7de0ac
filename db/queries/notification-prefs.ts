import type { Queryable } from '../pool';
import { alertClearOfPrivateSql } from './private-activities';

/** Everything the notifier needs to know about one athlete and their account's address. */
export interface NotifyProfile {
  athleteId: string;
  userId: string | null;
  firstname: string;
  lastname: string;
  timeZone: string;
  /** Where the zone came from: the column default, Strava (newest activity) or the athlete's choice. */
  timeZoneSource: 'default' | 'strava' | 'athlete';
  injuredOrIll: boolean;
  /** Raw JSON; parse with services/notify/preferences.ts. */
  notificationPrefs: unknown;
  /** Raw JSON; parse with the recommendation domain's alertSettingsSchema. */
  alertSettings: unknown;
  email: string | null;
  emailConfirmedAt: Date | null;
  emailPending: string | null;
  emailStatus: 'ok' | 'undeliverable';
  emailStatusReason: string | null;
}

export async function getNotifyProfile(db: Queryable, athleteId: string): Promise<NotifyProfile | null> {
  const { rows } = await db.query<NotifyProfile>(
    `select a.id as "athleteId", a.user_id as "userId", a.firstname, a.lastname, a.time_zone as "timeZone",
            a.time_zone_source as "timeZoneSource", a.injured_or_ill as "injuredOrIll", a.notification_prefs as "notificationPrefs",
            a.alert_settings as "alertSettings", u.email, u.email_confirmed_at as "emailConfirmedAt",
            u.email_pending as "emailPending", coalesce(u.email_status, 'ok') as "emailStatus",
            u.email_status_reason as "emailStatusReason"
     from athlete a left join app_user u on u.id = a.user_id where a.id = $1`,
    [athleteId],
  );
  return rows[0] ?? null;
}

export async function saveNotificationPrefs(db: Queryable, athleteId: string, prefs: unknown): Promise<void> {
  await db.query(`update athlete set notification_prefs = $2, updated_at = now() where id = $1`, [
    athleteId,
    JSON.stringify(prefs),
  ]);
}

export async function saveAlertSettings(db: Queryable, athleteId: string, settings: unknown): Promise<void> {
  await db.query(`update athlete set alert_settings = $2, updated_at = now() where id = $1`, [
    athleteId,
    JSON.stringify(settings),
  ]);
}

/** Returns false when the athlete does not exist. */
export async function setInjuredOrIll(
  db: Queryable,
  athleteId: string,
  injuredOrIll: boolean,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update athlete set injured_or_ill = $2, updated_at = now() where id = $1`,
    [athleteId, injuredOrIll],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Coaches who get copies: live consent, opted in, confirmed and deliverable address; and, unless the
 * athlete shares private activities with them, no private activity in the window up to `alertDate`
 * (the same rule as the alert history they see: db/queries/private-activities.ts).
 */
export async function listAlertCoaches(
  db: Queryable,
  athleteId: string,
  alertDate: string,
): Promise<{ userId: string; name: string; email: string }[]> {
  const { rows } = await db.query<{ userId: string; name: string; email: string }>(
    `select u.id as "userId", u.display_name as name, u.email from coach_athlete ca join app_user u on u.id = ca.coach_user_id
     cross join (select $1::uuid as athlete_id, $2::date as local_date) al
     where ca.athlete_id = $1 and ca.revoked_at is null and ca.alerts_opt_in
       and u.email is not null and u.email_confirmed_at is not null and u.email_status = 'ok'
       and ${alertClearOfPrivateSql('al', 'ca.share_private')}
     order by u.id`,
    [athleteId, alertDate],
  );
  return rows;
}

/**
 * Sets a coach's opt-in for alerts about one athlete, only on a live consent. Returns false when there
 * is no live link (the caller answers 404, never revealing whether the athlete exists).
 */
export async function setCoachAlertsOptIn(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
  optIn: boolean,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update coach_athlete set alerts_opt_in = $3 where coach_user_id = $1 and athlete_id = $2 and revoked_at is null`,
    [coachUserId, athleteId, optIn],
  );
  return (rowCount ?? 0) > 0;
}

/** A live consent link's opt-in flag, or null when there is no live link. */
export async function getCoachAlertsOptIn(
  db: Queryable,
  coachUserId: string,
  athleteId: string,
): Promise<boolean | null> {
  const { rows } = await db.query<{ optIn: boolean }>(
    `select alerts_opt_in as "optIn" from coach_athlete where coach_user_id = $1 and athlete_id = $2 and revoked_at is null`,
    [coachUserId, athleteId],
  );
  return rows[0]?.optIn ?? null;
}
