/**
 * What the signed email links do once the recipient confirms (POST). Each runs in one transaction; the
 * single-use ones spend their nonce in that same transaction, so a replay changes nothing.
 */
import { withTransaction } from '../../db/pool';
import { findActivityForRpe, recordActivityRpe } from '../../db/queries/activity-rpe';
import { confirmEmail, retargetPendingEmails } from '../../db/queries/email-addresses';
import { cancelOpenOutboxEmails } from '../../db/queries/email-outbox';
import {
  getNotifyProfile,
  saveNotificationPrefs,
  setCoachAlertsOptIn,
} from '../../db/queries/notification-prefs';
import { spendLinkNonce } from '../../db/queries/used-links';
import type { Deps } from '../deps';
import { requestActivityRecompute } from '../training/request-recompute';
import { ATHLETE_ALERT_KINDS, COACH_ALERT_KIND } from './email-kinds';
import { invalidLinkPage, type LinkPage } from './link-pages';
import { parseNotificationPrefs } from './preferences';
import type { LinkClaims } from './signed-links';

/** `<activityId>:<score>` of an RPE token, or null when it is not well-formed. */
export function parseRpeValue(value: string): { activityId: string; score: number } | null {
  const m = /^(\d{1,20}):(10|[1-9])$/.exec(value);
  return m ? { activityId: m[1] ?? '', score: Number(m[2]) } : null;
}

/** The confirmation page's wording for an RPE link (GET). */
export async function describeRpeLink(
  deps: Deps,
  claims: LinkClaims,
): Promise<{ title: string; score: number } | null> {
  const parsed = parseRpeValue(claims.value);
  if (!parsed) return null;
  const activity = await findActivityForRpe(deps.db, claims.subject, parsed.activityId);
  return activity ? { title: activity.title || 'your activity', score: parsed.score } : null;
}

/**
 * Records the session RPE and queues a recompute from the activity's day (sRPE load then exists even
 * when Strava has no heart rate or power). Single use: a replay answers 409 and changes nothing.
 */
export async function applyRpeLink(deps: Deps, claims: LinkClaims): Promise<LinkPage> {
  const parsed = parseRpeValue(claims.value);
  if (!parsed) return invalidLinkPage('malformed', 'rating');
  const now = new Date(deps.clock());
  const result = await withTransaction(deps.db, async (tx) => {
    const fresh = await spendLinkNonce(tx, {
      nonce: claims.nonce,
      purpose: 'rpe',
      subjectId: claims.subject,
      outcome: { ...parsed },
      now,
    });
    if (!fresh) return 'used' as const;
    return (
      (await recordActivityRpe(tx, claims.subject, parsed.activityId, parsed.score)) ?? ('gone' as const)
    );
  });
  if (result === 'used' || result === 'gone') return invalidLinkPage(result, 'rating');
  await requestActivityRecompute(deps, claims.subject, parsed.activityId, result.localDate).catch(
    (err: Error) =>
      deps.logger.warn(
        { err: err.message, athleteId: claims.subject },
        'could not queue recompute after RPE',
      ),
  );
  return {
    status: 200,
    title: 'Thanks, rating saved',
    message: `You rated that session ${parsed.score} out of 10. Your training load will be updated shortly.`,
  };
}

/**
 * Turns alert emails off (athlete) or a coach's copies about one athlete off, and cancels any alert
 * email not yet sent. Idempotent, not single-use: RFC 8058 senders may POST more than once.
 */
export async function applyUnsubscribeLink(deps: Deps, claims: LinkClaims): Promise<LinkPage> {
  // The way back is a real control: the "Alert emails" switch in "Email and alerts" on /me.
  const done: LinkPage = {
    status: 200,
    title: 'You are unsubscribed',
    message:
      'You will get no more alert emails. To turn them back on, use the "Alert emails" switch under ' +
      '"Email and alerts" on your Kneadwise page.',
    link: { href: `${deps.config.publicUrl}/me#notify-h`, text: 'Open your email settings' },
  };
  if (claims.value === 'athlete') {
    await withTransaction(deps.db, async (tx) => {
      const profile = await getNotifyProfile(tx, claims.subject);
      if (!profile) return;
      await saveNotificationPrefs(tx, claims.subject, {
        ...parseNotificationPrefs(profile.notificationPrefs),
        enabled: false,
      });
      if (profile.userId) {
        await cancelOpenOutboxEmails(
          tx,
          { userId: profile.userId, athleteId: claims.subject, kinds: ATHLETE_ALERT_KINDS },
          'unsubscribed',
        );
      }
    });
    return done;
  }
  const coach = /^coach:([0-9a-f-]{36})$/.exec(claims.value);
  if (!coach?.[1]) return invalidLinkPage('malformed', 'unsubscribe');
  const athleteId = coach[1];
  await withTransaction(deps.db, async (tx) => {
    await setCoachAlertsOptIn(tx, claims.subject, athleteId, false);
    await cancelOpenOutboxEmails(
      tx,
      { userId: claims.subject, athleteId, kinds: [COACH_ALERT_KIND] },
      'unsubscribed',
    );
  });
  return {
    ...done,
    message:
      'You will get no more alert emails about this athlete. You can opt in again on the athlete page.',
    link: {
      href: `${deps.config.publicUrl}/athletes/${encodeURIComponent(athleteId)}`,
      text: 'Open the athlete page',
    },
  };
}

/** Double opt-in, step two: the address becomes the confirmed one. Single use. */
export async function applyConfirmEmailLink(deps: Deps, claims: LinkClaims): Promise<LinkPage> {
  const now = new Date(deps.clock());
  const result = await withTransaction(deps.db, async (tx) => {
    const fresh = await spendLinkNonce(tx, {
      nonce: claims.nonce,
      purpose: 'confirm-email',
      subjectId: claims.subject,
      outcome: {},
      now,
    });
    if (!fresh) return 'used' as const;
    if (!(await confirmEmail(tx, claims.subject, claims.value, now))) return 'stale' as const;
    await retargetPendingEmails(tx, claims.subject, claims.value);
    return 'ok' as const;
  });
  if (result !== 'ok') return invalidLinkPage(result, 'confirmation');
  return { status: 200, title: 'Email address confirmed', message: `Alerts will now go to ${claims.value}.` };
}
