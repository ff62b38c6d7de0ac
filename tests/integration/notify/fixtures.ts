/** Builders for notifier tests: real rows in the test database, real alerts from the real rules. */
import { createHmac, randomUUID } from 'node:crypto';
import { withTransaction } from '../../../db/pool';
import type { Deps } from '../../../services/deps';
import {
  composeRecommendation,
  evaluateRules,
  type Alert,
  type RecommendationContext,
} from '../../../services/domain/recommend';
import type { Recommendation } from '../../../services/domain/recommend/recommendation';
import { applyAlertDecisions, type AlertDecisionResult } from '../../../services/notify/alerts';

let stravaId = 5_000_000 + Math.floor(Math.random() * 1_000_000);

export interface AthleteFixture {
  athleteId: string;
  userId: string;
  email: string | null;
}

export async function insertAthlete(
  deps: Deps,
  opts: {
    email?: string | null;
    confirmed?: boolean;
    timeZone?: string;
    prefs?: Record<string, unknown>;
    firstname?: string;
  } = {},
): Promise<AthleteFixture> {
  const email = opts.email === undefined ? `athlete-${randomUUID().slice(0, 8)}@example.com` : opts.email;
  const confirmed = opts.confirmed ?? true;
  const { rows: users } = await deps.db.query<{ id: string }>(
    `insert into app_user (role, display_name, email, email_confirmed_at) values ('athlete', $1, $2, $3) returning id`,
    [opts.firstname ?? 'Ana', email, email && confirmed ? new Date(deps.clock()) : null],
  );
  const userId = users[0]!.id;
  const { rows } = await deps.db.query<{ id: string }>(
    `insert into athlete (user_id, strava_athlete_id, firstname, lastname, time_zone, notification_prefs)
     values ($1, $2, $3, 'Runner', $4, $5) returning id`,
    [
      userId,
      stravaId++,
      opts.firstname ?? 'Ana',
      opts.timeZone ?? 'UTC',
      JSON.stringify(opts.prefs ?? { quietHours: null, maxOnePerHours: 0 }),
    ],
  );
  return { athleteId: rows[0]!.id, userId, email };
}

let activityId = 9_000_000_000 + Math.floor(Math.random() * 1_000_000);

export async function insertActivity(
  deps: Deps,
  athleteId: string,
  opts: { name?: string; localDate: string },
): Promise<string> {
  const id = String(activityId++);
  await deps.db.query(
    `insert into activity (id, athlete_id, name, sport_type, start_date, start_date_local, local_date, moving_time_s)
     values ($1, $2, $3, 'TrailRun', $4::timestamptz, $5::timestamp, $6::date, 7200)`,
    [
      id,
      athleteId,
      opts.name ?? 'Sunday long run',
      `${opts.localDate}T08:00:00Z`,
      `${opts.localDate}T08:00:00`,
      opts.localDate,
    ],
  );
  return id;
}

export async function insertCoach(
  deps: Deps,
  athleteId: string,
  opts: { optIn: boolean; revoked?: boolean; name?: string },
): Promise<{ userId: string; email: string }> {
  const email = `coach-${randomUUID().slice(0, 8)}@example.com`;
  const { rows } = await deps.db.query<{ id: string }>(
    `insert into app_user (role, display_name, email, email_confirmed_at) values ('coach', $1, $2, now()) returning id`,
    [opts.name ?? 'Coach Carter', email],
  );
  const userId = rows[0]!.id;
  await deps.db.query(
    `insert into coach_athlete (coach_user_id, athlete_id, consent_text, alerts_opt_in, revoked_at) values ($1, $2, 'I agree', $3, $4)`,
    [userId, athleteId, opts.optIn, opts.revoked ? new Date() : null],
  );
  return { userId, email };
}

/** What the recompute job would pass: real rules evaluated on a context with a sore area and a hard day. */
export function evaluation(
  athleteId: string,
  opts: {
    localDate: string;
    activityId: string;
    quadsRatio?: number;
    calvesRatio?: number;
    hardLoadAu?: number;
    injured?: boolean;
  },
): { alerts: Alert[]; recommendation: Recommendation } {
  const context: RecommendationContext = {
    athleteId,
    localDate: opts.localDate,
    training: { calibrating: false, tsb: 0, acuteChronicRatio: 1, monotony: 1.2 },
    areas: [
      {
        area: 'quads',
        projectedSorenessAu: 50 * (opts.quadsRatio ?? 2),
        baselineAu: 50,
        mainActivityId: opts.activityId,
      },
      {
        area: 'calves',
        projectedSorenessAu: 50 * (opts.calvesRatio ?? 1),
        baselineAu: 50,
        mainActivityId: opts.activityId,
      },
    ],
    recentActivities: [
      {
        activityId: opts.activityId,
        sportType: 'TrailRun',
        localDate: opts.localDate,
        sinceEndH: 10,
        loadAu: opts.hardLoadAu ?? 150,
        workoutType: null,
        descentM: 900,
      },
    ],
    races: [],
    health: { injured: opts.injured ?? false, ill: false },
  };
  const alerts = evaluateRules(context);
  return { alerts, recommendation: composeRecommendation(context, alerts) };
}

/** Runs applyAlertDecisions in its own transaction, as the recompute job does. */
export async function decide(
  deps: Deps,
  athleteId: string,
  ev: { alerts: Alert[]; recommendation: Recommendation },
): Promise<AlertDecisionResult> {
  return withTransaction(deps.db, (tx) =>
    applyAlertDecisions(tx, deps, { athleteId, nowMs: deps.clock(), ...ev }),
  );
}

/** A server-side session row and its signed cookie (what a login would have produced). */
export async function sessionCookie(
  deps: Deps,
  sess: { userId: string; role: 'athlete' | 'coach'; athleteId?: string },
): Promise<{ cookie: string; csrf: string }> {
  const sid = randomUUID();
  const csrf = randomUUID();
  const body = {
    cookie: {
      originalMaxAge: 3_600_000,
      expires: new Date(Date.now() + 3_600_000),
      httpOnly: true,
      path: '/',
      sameSite: 'lax',
    },
    ...sess,
    authenticatedAtMs: deps.clock(),
    csrfToken: csrf,
  };
  await deps.db.query(`insert into session (sid, sess, expire) values ($1, $2, now() + interval '1 hour')`, [
    sid,
    JSON.stringify(body),
  ]);
  const sig = createHmac('sha256', deps.config.sessionSecret).update(sid).digest('base64').replace(/=+$/, '');
  return { cookie: `kw.sid=${encodeURIComponent(`s:${sid}.${sig}`)}`, csrf };
}

/** Alert rows of an athlete, keyed `rule|area`. */
export async function alertStatuses(deps: Deps, athleteId: string): Promise<Record<string, string>> {
  const { rows } = await deps.db.query<{ k: string; status: string }>(
    `select rule_id || '|' || body_area as k, status from alert where athlete_id = $1`,
    [athleteId],
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.status]));
}

/** One header's unfolded value from the raw message (what a mail client would see). */
export function rawHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
