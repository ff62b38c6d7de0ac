import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { confirmEmail } from '../../../../db/queries/email-addresses';
import type { Deps } from '../../../../services/deps';
import { SESSION_COOKIE, SESSION_IDLE_MS } from '../../../../services/api/middleware/session';

/** A person in a test: the cookie of their session and what it identifies. */
export interface Actor {
  userId: string;
  role: 'athlete' | 'coach';
  athleteId?: string;
  cookie: string;
}

let stravaIds = Math.floor(Date.now() / 1000) * 1000;

/** An athlete as the OAuth callback would create it (user + athlete row). */
export async function insertAthlete(
  deps: Deps,
  opts: { firstname?: string; lastname?: string; timeZone?: string } = {},
): Promise<{ userId: string; athleteId: string }> {
  const { rows: u } = await deps.db.query<{ id: string }>(
    `insert into app_user (role, display_name) values ('athlete', $1) returning id`,
    [opts.firstname ?? 'Ath'],
  );
  const { rows: a } = await deps.db.query<{ id: string }>(
    `insert into athlete (user_id, strava_athlete_id, firstname, lastname, time_zone, backfill_status)
     values ($1, $2, $3, $4, $5, 'done') returning id`,
    [
      u[0]!.id,
      String((stravaIds += 1)),
      opts.firstname ?? 'Ath',
      opts.lastname ?? 'Lete',
      opts.timeZone ?? 'UTC',
    ],
  );
  return { userId: u[0]!.id, athleteId: a[0]!.id };
}

/** express-session's cookie format: "s:" + id + "." + base64 HMAC-SHA256 without padding. */
function signedCookie(sid: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

/**
 * A signed-in session without going through the login UI (athletes sign in through Strava, which the
 * integration tests do not drive): the same row connect-pg-simple writes, and a correctly signed cookie.
 */
export async function sessionFor(
  deps: Deps,
  identity: { userId: string; role: 'athlete' | 'coach'; athleteId?: string },
  authenticatedAtMs = deps.clock(),
): Promise<Actor> {
  const sid = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + SESSION_IDLE_MS);
  const sess = {
    cookie: {
      originalMaxAge: SESSION_IDLE_MS,
      expires: expires.toISOString(),
      httpOnly: true,
      path: '/',
      sameSite: 'lax',
      secure: false,
    },
    ...identity,
    authenticatedAtMs,
  };
  await deps.db.query('insert into session (sid, sess, expire) values ($1, $2, $3)', [
    sid,
    JSON.stringify(sess),
    expires,
  ]);
  return { ...identity, cookie: signedCookie(sid, deps.config.sessionSecret) };
}

export async function athleteActor(deps: Deps, opts: { firstname?: string } = {}): Promise<Actor> {
  const a = await insertAthlete(deps, opts);
  return sessionFor(deps, { userId: a.userId, role: 'athlete', athleteId: a.athleteId });
}

/**
 * A coach created through the real sign-up API (202, no session), their address confirmed as the
 * emailed link would (the link flow itself is tested in coach-email-confirmation.test.ts), then signed
 * in through the real login API; returns their session cookie.
 */
export async function coachActor(
  app: Express,
  name: string,
  deps: Pick<Deps, 'db' | 'clock'>,
): Promise<Actor & { email: string; password: string }> {
  const agent = request.agent(app);
  const s = await agent.get('/api/session');
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'correct horse battery staple 42';
  const res = await agent
    .post('/api/coaches')
    .set('X-CSRF-Token', s.body.csrfToken)
    .send({ email, password, displayName: name });
  if (res.status !== 202) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { rows } = await deps.db.query<{ id: string }>(
    `select id from app_user where role = 'coach' and email = $1`,
    [email],
  );
  const userId = rows[0]!.id;
  if (!(await confirmEmail(deps.db, userId, email, new Date(deps.clock()))))
    throw new Error('could not confirm the coach address');
  const login = await agent
    .post('/api/session')
    .set('X-CSRF-Token', s.body.csrfToken)
    .send({ email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { userId, role: 'coach', cookie: cookieOf(login.headers['set-cookie']), email, password };
}

export function cookieOf(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = list.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!found) throw new Error('no session cookie set');
  return found.split(';')[0]!;
}

/** The CSRF token bound to this cookie's session. */
export async function csrfFor(app: Express, cookie: string): Promise<string> {
  const res = await request(app).get('/api/session').set('Cookie', cookie);
  return res.body.csrfToken as string;
}

/** Consent as the accept endpoint records it (for tests that are not about the consent flow). */
export async function linkCoach(deps: Deps, coachUserId: string, athleteId: string): Promise<void> {
  await deps.db.query(
    `insert into coach_athlete (coach_user_id, athlete_id, consent_text) values ($1, $2, 'test consent')
     on conflict (coach_user_id, athlete_id) do update set revoked_at = null`,
    [coachUserId, athleteId],
  );
}
