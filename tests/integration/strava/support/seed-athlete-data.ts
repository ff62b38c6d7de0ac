import { randomUUID } from 'node:crypto';
import type { TestDeps } from '../../../support/test-deps';

/**
 * Gives a connected athlete a row in every table that can hold their data (activity, stream, metric,
 * tombstone, series, race, alert, outbox email, webhook inbox, coach link, a second browser session), so a
 * deletion test can prove every one of them goes. The inbox row is already processed, so running
 * workers leave the seeded (fictional) activity alone. Returns the coach's user id (which must survive).
 */
export async function seedAthleteData(
  deps: TestDeps,
  a: { athleteId: string; userId: string; stravaId: number },
  activityId: string,
): Promise<{ coachUserId: string }> {
  const q = (sql: string, params: unknown[]) => deps.db.query(sql, params);
  await q(
    `insert into activity (id, athlete_id, sport_type, start_date, start_date_local, local_date)
     values ($1::bigint, $2, 'Run', '2026-03-01T07:00:00Z', '2026-03-01T08:00:00', '2026-03-01')`,
    [activityId, a.athleteId],
  );
  await q(
    `insert into activity_stream (activity_id, sample_count, keys, data_gz) values ($1::bigint, 1, '{time}', '\\x00')`,
    [activityId],
  );
  await q(
    `insert into activity_metric (activity_id, athlete_id, local_date, load, method, confidence, model_version)
     values ($1::bigint, $2, '2026-03-01', 42, 'trimp', 'high', 'test')`,
    [activityId, a.athleteId],
  );
  await q(`insert into activity_tombstone (id, athlete_id) values ($1::bigint + 1, $2)`, [
    activityId,
    a.athleteId,
  ]);
  await q(
    `insert into daily_series (athlete_id, day, load, ctl, atl, tsb, calibrating) values ($1, '2026-03-01', 42, 1, 2, -1, true)`,
    [a.athleteId],
  );
  await q(`insert into race (athlete_id, race_date, name) values ($1, '2026-05-01', 'Spring 10k')`, [
    a.athleteId,
  ]);
  await q(`insert into alert (athlete_id, rule_id, local_date) values ($1, 'load-spike', '2026-03-01')`, [
    a.athleteId,
  ]);
  await q(
    `insert into email_outbox (dedup_key, athlete_id, user_id, kind, recipient, subject, text_body, html_body)
     values ($1, $2, $3, 'alert', 'ana@example.com', 's', 't', 'h')`,
    [`alert-${a.athleteId}`, a.athleteId, a.userId],
  );
  await q(
    `insert into webhook_inbox (dedup_key, object_type, object_id, aspect_type, owner_id, event_time, status, processed_at)
     values ($1, 'activity', $2::bigint, 'create', $3::bigint, 1772400000, 'done', now())`,
    [`seed-${a.athleteId}`, activityId, a.stravaId],
  );
  const coach = await q(
    `insert into app_user (role, display_name, email) values ('coach', 'Coach', $1) returning id`,
    [`coach-${randomUUID()}@example.com`],
  );
  const coachUserId = coach.rows[0].id as string;
  await q(`insert into coach_athlete (coach_user_id, athlete_id, consent_text) values ($1, $2, 'ok')`, [
    coachUserId,
    a.athleteId,
  ]);
  await q(`insert into session (sid, sess, expire) values ($1, $2, now() + interval '1 hour')`, [
    `other-browser-${a.athleteId}`,
    JSON.stringify({ cookie: {}, userId: a.userId, role: 'athlete', athleteId: a.athleteId }),
  ]);
  return { coachUserId };
}
