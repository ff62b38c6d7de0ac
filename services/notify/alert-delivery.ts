/**
 * Puts alerts into emails: joins the recipient's open (unclaimed) email when there is one, else schedules
 * a new outbox row. One open email per recipient, athlete and kind, so a burst of alerts is one message.
 */
import type { Queryable } from '../../db/pool';
import {
  linkAlertsToEmail,
  liveAlertsOfEmail,
  setAlertStatus,
  withSavepoint,
  type AlertRow,
} from '../../db/queries/alerts';
import {
  cancelOpenOutboxEmails,
  insertOutboxEmail,
  lastOutboxSendAt,
  lockOpenOutboxEmail,
  updateOpenOutboxEmail,
} from '../../db/queries/email-outbox';
import type { NotifyProfile } from '../../db/queries/notification-prefs';
import type { Recommendation } from '../domain/recommend/recommendation';
import { buildAthleteEmail, buildCoachEmail, type EmailContent } from './alert-email';
import { sealEmailSecrets } from './outbox-secrets';
import type { NotifyDeps } from '../deps';
import { alertDeliveryTime } from './delivery-time';
import { ATHLETE_ALERT_KINDS } from './email-kinds';
import type { NotificationPrefs } from './preferences';

export interface QueuedEmail {
  id: string;
  notBeforeMs: number;
}

export interface DeliveryContext {
  tx: Queryable;
  deps: NotifyDeps;
  profile: NotifyProfile;
  prefs: NotificationPrefs;
  recommendation: Recommendation;
  nowMs: number;
}

interface Target {
  userId: string;
  recipient: string;
  kinds: readonly string[];
  /** Kind and send time of a new email (called only when there is no open one); null: none now. */
  schedule: () => Promise<{ kind: string; notBeforeMs: number } | null>;
  build: (
    kind: string,
    dedupKey: string,
    alerts: readonly AlertRow[],
    notBeforeMs: number,
  ) => Promise<EmailContent>;
  /** Status of fresh alerts once an email carries them (athlete: queued; coach copies leave it). */
  onQueued: (alerts: readonly AlertRow[]) => Promise<void>;
}

/** The athlete's email for `fresh` alerts (already filtered to deliverable ones). */
export async function queueAthleteEmail(
  ctx: DeliveryContext,
  fresh: readonly AlertRow[],
): Promise<QueuedEmail | null> {
  const { profile, prefs, tx, nowMs } = ctx;
  if (!profile.userId || !profile.email) return null;
  const cfg = {
    publicUrl: ctx.deps.config.publicUrl,
    sessionSecret: ctx.deps.config.sessionSecret,
    timeZone: profile.timeZone,
  };
  const userId = profile.userId;
  return queueEmail(ctx, fresh, {
    userId,
    recipient: profile.email,
    kinds: ATHLETE_ALERT_KINDS,
    schedule: async () => {
      const last = await lastOutboxSendAt(tx, {
        userId,
        athleteId: profile.athleteId,
        kinds: ATHLETE_ALERT_KINDS,
      });
      const t = alertDeliveryTime({
        nowMs,
        timeZone: profile.timeZone,
        prefs,
        lastAlertEmailAtMs: last ? last.getTime() : null,
      });
      return { kind: t.mode === 'digest' ? 'alert-digest' : 'alert', notBeforeMs: t.notBeforeMs };
    },
    build: (kind, dedupKey, alerts, notBeforeMs) =>
      buildAthleteEmail(tx, cfg, {
        athleteId: profile.athleteId,
        firstname: profile.firstname,
        kind,
        dedupKey,
        alerts,
        recommendation: ctx.recommendation,
        nowMs,
        notBeforeMs,
      }),
    onQueued: (alerts) =>
      setAlertStatus(
        tx,
        alerts.map((a) => a.id),
        'queued',
        null,
        new Date(nowMs),
      ),
  });
}

/**
 * A coach's copy of the athlete's email: it follows that email, never leads it. A new copy is scheduled
 * only beside an athlete email and for its send time, so the copy goes when the athlete's email goes
 * (quiet hours, rate cap, digest all apply) and never more often; while both are open, new alerts join
 * both. No athlete email (emails off, no confirmed address): no copy, since there is nothing to copy.
 */
export async function queueCoachEmail(
  ctx: DeliveryContext,
  coach: { userId: string; name: string; email: string },
  fresh: readonly AlertRow[],
  kind: string,
  athleteEmail: QueuedEmail | null,
): Promise<QueuedEmail | null> {
  const cfg = { publicUrl: ctx.deps.config.publicUrl, sessionSecret: ctx.deps.config.sessionSecret };
  // The full name: a coach may have two athletes called Aiko.
  const athleteName = `${ctx.profile.firstname} ${ctx.profile.lastname}`.trim();
  return queueEmail(ctx, fresh, {
    userId: coach.userId,
    recipient: coach.email,
    kinds: [kind],
    schedule: () => Promise.resolve(athleteEmail ? { kind, notBeforeMs: athleteEmail.notBeforeMs } : null),
    build: (_kind, dedupKey, alerts) =>
      buildCoachEmail(ctx.tx, cfg, {
        athleteId: ctx.profile.athleteId,
        athleteName,
        coachUserId: coach.userId,
        coachName: coach.name,
        dedupKey,
        alerts,
        recommendation: ctx.recommendation,
        nowMs: ctx.nowMs,
      }),
    onQueued: () => Promise.resolve(),
  });
}

async function queueEmail(
  ctx: DeliveryContext,
  fresh: readonly AlertRow[],
  target: Target,
): Promise<QueuedEmail | null> {
  const { tx, profile } = ctx;
  const keys = ctx.deps.config.tokenEncryptionKeys;
  const open = await lockOpenOutboxEmail(tx, {
    userId: target.userId,
    athleteId: profile.athleteId,
    kinds: target.kinds,
  });
  const carried = open ? await liveAlertsOfEmail(tx, open.id) : [];
  const alerts = [...carried, ...fresh.filter((f) => !carried.some((c) => c.id === f.id))];
  if (alerts.length === 0) {
    if (open) await cancelOpenOutboxEmails(tx, { ids: [open.id] }, 'every alert it carried was cancelled');
    return null;
  }
  const result = await withSavepoint(tx, async () => {
    if (open) {
      const built = await target.build(open.kind, open.dedupKey, alerts, open.notBefore.getTime());
      await updateOpenOutboxEmail(tx, open.id, sealEmailSecrets(keys, open.dedupKey, built));
      await linkAlertsToEmail(
        tx,
        fresh.map((a) => a.id),
        open.id,
      );
      await target.onQueued(fresh);
      return { id: open.id, notBeforeMs: open.notBefore.getTime() };
    }
    if (fresh.length === 0) return null;
    const scheduled = await target.schedule();
    if (!scheduled) return null;
    const { kind, notBeforeMs } = scheduled;
    const dedupKey = `${kind}-${profile.athleteId}-${target.userId}-${fresh[0]?.id ?? ''}-${ctx.nowMs}`;
    const content = sealEmailSecrets(keys, dedupKey, await target.build(kind, dedupKey, alerts, notBeforeMs));
    const id = await insertOutboxEmail(tx, {
      dedupKey,
      kind,
      recipient: target.recipient,
      ...content,
      athleteId: profile.athleteId,
      userId: target.userId,
      notBefore: new Date(notBeforeMs),
    });
    if (!id) return null;
    await linkAlertsToEmail(
      tx,
      alerts.map((a) => a.id),
      id,
    );
    await target.onQueued(fresh);
    return { id, notBeforeMs };
  });
  if (result.ok) return result.value;
  // Hostile or broken data for this athlete must not block anyone else's alerts, nor the recompute.
  ctx.deps.logger.error(
    { err: result.error.message, athleteId: profile.athleteId, userId: target.userId },
    'alert email could not be built',
  );
  ctx.deps.metrics.emailsSent.inc({ kind: target.kinds[0] ?? 'alert', outcome: 'render_failed' });
  if (target.kinds.includes('alert')) {
    await setAlertStatus(
      tx,
      fresh.map((a) => a.id),
      'suppressed',
      'The email could not be prepared.',
      new Date(ctx.nowMs),
    );
  }
  return null;
}
