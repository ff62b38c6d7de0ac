/**
 * Builds the content of alert emails (athlete, digest, coach copy): the signed links, the activities the
 * alerts point at, the RPE question, and the RFC 8058 headers. Rendering itself is the pure renderers'
 * job (services/notify/render); nothing here concatenates user data into markup or headers.
 */
import type { Queryable } from '../../db/pool';
import { activityRefs, latestActivitySince, type AlertRow } from '../../db/queries/alerts';
import type { Recommendation } from '../domain/recommend/recommendation';
import { renderAlertEmail, renderCoachAlertEmail, renderDigestEmail, type RatingPrompt } from './render';
import { localDateAt } from '../domain/athlete-calendar';
import { linkUrl, signLink } from './signed-links';

export interface EmailContent {
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
}

interface LinkConfig {
  publicUrl: string;
  sessionSecret: string;
}

/** How far back the RPE question looks for an activity when no alert names one. */
const RPE_LOOKBACK_MS = 72 * 3_600_000;

/** The headers every alert email carries: one-click unsubscribe (RFC 8058) and our dedup key. */
export function listHeaders(unsubscribeUrl: string, dedupKey: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'X-Kneadwise-Key': dedupKey,
  };
}

export function athleteUnsubscribeUrl(cfg: LinkConfig, athleteId: string, nowMs: number): string {
  return linkUrl(
    cfg.publicUrl,
    '/email/unsubscribe',
    signLink(cfg.sessionSecret, { purpose: 'unsubscribe', subject: athleteId, value: 'athlete', nowMs }),
  );
}

export function coachUnsubscribeUrl(
  cfg: LinkConfig,
  coachUserId: string,
  athleteId: string,
  nowMs: number,
): string {
  return linkUrl(
    cfg.publicUrl,
    '/email/unsubscribe',
    signLink(cfg.sessionSecret, {
      purpose: 'unsubscribe',
      subject: coachUserId,
      value: `coach:${athleteId}`,
      nowMs,
    }),
  );
}

/** Ten signed links, one per score 1-10, for one activity. */
export function rpeUrls(cfg: LinkConfig, athleteId: string, activityId: string, nowMs: number): string[] {
  return Array.from({ length: 10 }, (_, i) =>
    linkUrl(
      cfg.publicUrl,
      '/email/rpe',
      signLink(cfg.sessionSecret, {
        purpose: 'rpe',
        subject: athleteId,
        value: `${activityId}:${i + 1}`,
        nowMs,
      }),
    ),
  );
}

async function activitiesAndRating(
  tx: Queryable,
  cfg: LinkConfig,
  athleteId: string,
  alerts: readonly AlertRow[],
  nowMs: number,
) {
  const ids = [
    ...new Set(alerts.map((a) => a.activityId).filter((id): id is string => !!id && /^\d{1,20}$/.test(id))),
  ];
  const refs = await activityRefs(tx, athleteId, ids);
  const rateable =
    refs.find((r) => r.rpe === null) ??
    (refs.length ? null : await latestActivitySince(tx, athleteId, new Date(nowMs - RPE_LOOKBACK_MS)));
  const rating: RatingPrompt | null =
    rateable && rateable.rpe === null
      ? { activityTitle: rateable.title, urls: rpeUrls(cfg, athleteId, rateable.id, nowMs) }
      : null;
  return { activities: refs.map((r) => ({ title: r.title, localDate: r.localDate })), rating };
}

/**
 * The athlete's alert (or digest) email for the alerts it carries. Throws if the renderers refuse the
 * data; the caller contains that failure to this athlete.
 */
export async function buildAthleteEmail(
  tx: Queryable,
  cfg: LinkConfig & { timeZone: string },
  input: {
    athleteId: string;
    firstname: string;
    kind: string;
    dedupKey: string;
    alerts: readonly AlertRow[];
    recommendation: Recommendation;
    nowMs: number;
    notBeforeMs: number;
  },
): Promise<EmailContent> {
  const { activities, rating } = await activitiesAndRating(
    tx,
    cfg,
    input.athleteId,
    input.alerts,
    input.nowMs,
  );
  const unsubscribeUrl = athleteUnsubscribeUrl(cfg, input.athleteId, input.nowMs);
  const rendered =
    input.kind === 'alert-digest'
      ? renderDigestEmail({
          recipientName: input.firstname,
          localDate: localDateAt(input.notBeforeMs, cfg.timeZone),
          items: [{ recommendation: input.recommendation, activities, rating }],
          unsubscribeUrl,
        })
      : renderAlertEmail({
          recipientName: input.firstname,
          recommendation: input.recommendation,
          activities,
          rating,
          unsubscribeUrl,
        });
  return {
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    headers: listHeaders(unsubscribeUrl, input.dedupKey),
  };
}

/** A coach's copy: what the athlete was told, with a link to the athlete's dashboard page. */
export async function buildCoachEmail(
  tx: Queryable,
  cfg: LinkConfig,
  input: {
    athleteId: string;
    athleteName: string;
    coachUserId: string;
    coachName: string;
    dedupKey: string;
    alerts: readonly AlertRow[];
    recommendation: Recommendation;
    nowMs: number;
  },
): Promise<EmailContent> {
  const { activities } = await activitiesAndRating(tx, cfg, input.athleteId, input.alerts, input.nowMs);
  const unsubscribeUrl = coachUnsubscribeUrl(cfg, input.coachUserId, input.athleteId, input.nowMs);
  const rendered = renderCoachAlertEmail({
    coachName: input.coachName,
    athleteName: input.athleteName,
    recommendation: input.recommendation,
    activities,
    // The coach's view of an athlete is the shared athlete page (routes/pages.ts: /athletes/:athleteId).
    athleteUrl: `${cfg.publicUrl}/athletes/${encodeURIComponent(input.athleteId)}`,
    unsubscribeUrl,
  });
  return {
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    headers: listHeaders(unsubscribeUrl, input.dedupKey),
  };
}
