/**
 * Turns the alert rules' verdict into alert rows and outbox emails, inside the caller's transaction.
 * Called by the recompute-athlete job right after it evaluates the rules.
 */
import type { Queryable } from '../../db/pool';
import {
  cancelAlertsExcept,
  lockAthleteAlerts,
  setAlertStatus,
  upsertAlert,
  type AlertRow,
} from '../../db/queries/alerts';
import { getNotifyProfile, listAlertCoaches, type NotifyProfile } from '../../db/queries/notification-prefs';
import type { NotifyDeps } from '../deps';
import type { Alert } from '../domain/recommend/types';
import type { Recommendation } from '../domain/recommend/recommendation';
import { COACH_ALERT_KIND } from './email-kinds';
import { parseNotificationPrefs, type NotificationPrefs } from './preferences';
import { queueAthleteEmail, queueCoachEmail, type QueuedEmail } from './alert-delivery';

export interface AlertDecisionInput {
  athleteId: string;
  /** The evaluation instant, ms since the epoch (the job's deps.clock()). */
  nowMs: number;
  /**
   * EVERY alert that holds at `nowMs` (evaluateRules' output), not just new ones: an unsent alert of
   * this athlete missing from the list is cancelled, because its rule no longer holds.
   */
  alerts: readonly Alert[];
  /** composeRecommendation(context, alerts) for the same evaluation: the content of the email. */
  recommendation: Recommendation;
}

export interface AlertDecisionResult {
  /** Alerts that needed a delivery decision this time (new, or held again after a cancel). */
  newAlertIds: string[];
  cancelledAlertIds: string[];
  /** Outbox rows created or refreshed: pass to enqueueOutboxEmails AFTER the commit. */
  emails: QueuedEmail[];
}

/**
 * Applies one evaluation of the alert rules for one athlete, in the caller's transaction `tx` (the one
 * that wrote the data behind the evaluation), so alerts and emails exist exactly when that data does.
 *
 * - Each alert is one row on its natural key (athlete, rule, body area, day): re-running with the same
 *   input changes nothing and queues nothing (idempotent; duplicate events are harmless).
 * - Unsent alerts that are not in `alerts` are cancelled; an email not yet claimed by a sender loses
 *   them (and is cancelled when nothing is left). Sent alerts are history and stay.
 * - New alerts join the athlete's open alert email if there is one (re-rendered), else a new outbox row
 *   is scheduled per preferences: off, rate cap, quiet hours in the athlete's zone, or daily digest.
 *   Nothing is queued for an unconfirmed or undeliverable address: the alert is `suppressed`, with why.
 * - Coaches with a live consent and alerts opt-in get a copy of the athlete's email, sent with it.
 *
 * Serialised per athlete by an advisory lock. A renderer failure is contained to this athlete (alerts
 * recorded as suppressed, error logged); it never fails the caller's transaction.
 */
export async function applyAlertDecisions(
  tx: Queryable,
  deps: NotifyDeps,
  input: AlertDecisionInput,
): Promise<AlertDecisionResult> {
  await lockAthleteAlerts(tx, input.athleteId);
  const profile = await getNotifyProfile(tx, input.athleteId);
  if (!profile) return { newAlertIds: [], cancelledAlertIds: [], emails: [] };
  const now = new Date(input.nowMs);
  const rows: AlertRow[] = [];
  for (const alert of dedupeByKey(input.alerts)) {
    rows.push(
      await upsertAlert(
        tx,
        {
          athleteId: input.athleteId,
          ruleId: alert.key.ruleId,
          bodyArea: alert.key.bodyArea,
          localDate: alert.key.localDate,
          details: detailsOf(alert),
        },
        now,
      ),
    );
  }
  const fresh = rows.filter((r) => r.status === 'pending');
  const cancelled = await cancelAlertsExcept(
    tx,
    input.athleteId,
    rows.map((r) => r.id),
    'The rule no longer holds: the data behind it changed.',
    now,
  );
  if (fresh.length === 0 && cancelled.length === 0)
    return { newAlertIds: [], cancelledAlertIds: [], emails: [] };

  const prefs = parseNotificationPrefs(profile.notificationPrefs);
  const blocked = athleteBlockedReason(profile, prefs);
  if (blocked)
    await setAlertStatus(
      tx,
      fresh.map((r) => r.id),
      'suppressed',
      blocked,
      now,
    );
  const ctx = { tx, deps, profile, prefs, recommendation: input.recommendation, nowMs: input.nowMs };
  const emails: QueuedEmail[] = [];
  const athleteEmail = await queueAthleteEmail(ctx, blocked ? [] : fresh);
  if (athleteEmail) emails.push(athleteEmail);
  const latestDate = fresh.reduce((max, r) => (r.localDate > max ? r.localDate : max), '0001-01-01');
  for (const coach of await listAlertCoaches(tx, input.athleteId, latestDate)) {
    const coachEmail = await queueCoachEmail(ctx, coach, fresh, COACH_ALERT_KIND, athleteEmail);
    if (coachEmail) emails.push(coachEmail);
  }
  return { newAlertIds: fresh.map((r) => r.id), cancelledAlertIds: cancelled, emails };
}

/** Why the athlete cannot be emailed now, in words for the dashboard; null when they can. */
export function athleteBlockedReason(profile: NotifyProfile, prefs: NotificationPrefs): string | null {
  if (!prefs.enabled) return 'Alert emails are turned off in the settings.';
  if (!profile.userId || !profile.email || !profile.emailConfirmedAt)
    return 'No confirmed email address yet.';
  if (profile.emailStatus === 'undeliverable')
    return 'The email address could not be delivered to; a new one is needed.';
  return null;
}

function detailsOf(alert: Alert): Record<string, unknown> {
  return {
    value: alert.value,
    threshold: alert.threshold,
    unit: alert.unit,
    trigger: alert.trigger,
    activityId: alert.activityId,
    numbers: alert.numbers,
  };
}

function dedupeByKey(alerts: readonly Alert[]): Alert[] {
  const seen = new Map<string, Alert>();
  for (const a of alerts) seen.set(`${a.key.ruleId}|${a.key.bodyArea}|${a.key.localDate}`, a);
  return [...seen.values()];
}
