import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { LOGIN_LIMITS } from '../../../services/api/middleware/rate-limit-login';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { coachActor, cookieOf, csrfFor } from './support/world';

let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
beforeAll(async () => {
  deps = await createTestDeps();
  app = buildApp(deps);
});
afterAll(async () => {
  await deps.close();
});

async function anonymous() {
  const agent = request.agent(app);
  const s = await agent.get('/api/session');
  return { agent, csrf: s.body.csrfToken as string, cookie: cookieOf(s.headers['set-cookie']) };
}

describe('coach sign-up and login', () => {
  it('when a coach signs up, confirms and signs in, then the password is stored as a salted scrypt hash and a session starts', async () => {
    const coach = await coachActor(app, 'Hash Check', deps);
    const { rows } = await deps.db.query('select password_hash from app_user where id = $1', [coach.userId]);
    expect(rows[0].password_hash).toMatch(/^\$scrypt\$ln=(1[5-9]|2\d),r=8,p=1\$/);
    expect(rows[0].password_hash).not.toContain(coach.password);
    const me = await request(app).get('/api/session').set('Cookie', coach.cookie);
    expect(me.body.user).toMatchObject({ id: coach.userId, role: 'coach' });
  });

  it('when the password is short, common or contains the email, then sign-up is a 400 naming the field', async () => {
    const { agent, csrf } = await anonymous();
    for (const password of ['short', 'password1234', 'aaaaaaaaaaaaaaa', 'janedoe-is-my-password']) {
      const res = await agent
        .post('/api/coaches')
        .set('X-CSRF-Token', csrf)
        .send({ email: 'janedoe@example.test', password, displayName: 'Jane' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe('password');
    }
  });

  it('when a 128-character passphrase is used, then it is accepted unchanged and logs in', async () => {
    const { agent, csrf } = await anonymous();
    const password = 'x7 long passphrase '.repeat(7).slice(0, 128);
    const email = `long-${Date.now()}@example.test`;
    expect(
      (
        await agent
          .post('/api/coaches')
          .set('X-CSRF-Token', csrf)
          .send({ email, password, displayName: 'Long' })
      ).status,
    ).toBe(202);
    await deps.db.query(`update app_user set email_confirmed_at = now() where email = $1`, [email]);
    const fresh = await anonymous();
    const res = await fresh.agent
      .post('/api/session')
      .set('X-CSRF-Token', fresh.csrf)
      .send({ email: email.toUpperCase(), password });
    expect(res.status).toBe(200);
  });

  it('when the email is taken, then sign-up answers as for a new one (no enumeration); malformed is a 400 with a reason', async () => {
    const coach = await coachActor(app, 'Taken', deps);
    const { agent, csrf } = await anonymous();
    const dup = await agent
      .post('/api/coaches')
      .set('X-CSRF-Token', csrf)
      .send({ email: coach.email.toUpperCase(), password: coach.password, displayName: 'X' });
    expect(dup.status).toBe(202);
    expect(dup.body).toEqual({ message: expect.stringMatching(/^Check your email/) });
    const bad = await agent
      .post('/api/coaches')
      .set('X-CSRF-Token', csrf)
      .send({ email: 'not-an-email', password: coach.password, displayName: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.email).toBeDefined();
  });

  it('when a coach logs in, then the session id changes (no fixation) and the cookie is HttpOnly, SameSite=Lax, Path=/', async () => {
    const coach = await coachActor(app, 'Fixation', deps);
    const { agent, csrf, cookie: before } = await anonymous();
    const res = await agent
      .post('/api/session')
      .set('X-CSRF-Token', csrf)
      .send({ email: coach.email, password: coach.password });
    expect(res.status).toBe(200);
    const setCookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('kw.sid='),
    )!;
    expect(cookieOf([setCookie])).not.toBe(before);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
  });

  it('when PUBLIC_URL is https, then the session cookie is Secure', async () => {
    const secureDeps = await createTestDeps({ PUBLIC_URL: 'https://kneadwise.example' });
    try {
      const res = await request(buildApp(secureDeps)).get('/api/session').set('X-Forwarded-Proto', 'https');
      const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/^__Host-kw\.sid=/);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await secureDeps.close();
    }
  });

  it('when a coach logs out, then replaying the old cookie is anonymous (server-side invalidation)', async () => {
    const coach = await coachActor(app, 'Logout', deps);
    const csrf = await csrfFor(app, coach.cookie);
    expect(
      (await request(app).post('/api/session/logout').set('Cookie', coach.cookie).set('X-CSRF-Token', csrf))
        .status,
    ).toBe(204);
    const replay = await request(app).get('/api/coach/overview').set('Cookie', coach.cookie);
    expect(replay.status).toBe(401);
  });

  it('when a signed-in coach is idle past SESSION_IDLE_TIMEOUT_S, then the session is gone server-side; activity keeps it alive', async () => {
    const idle = await createTestDeps({ SESSION_IDLE_TIMEOUT_S: '2' });
    try {
      const idleApp = buildApp(idle);
      const coach = await coachActor(idleApp, 'Idle', idle);
      const overview = () => request(idleApp).get('/api/coach/overview').set('Cookie', coach.cookie);
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 1200)); // each request renews the idle window
        expect((await overview()).status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 3000));
      expect((await overview()).status).toBe(401);
      const { rows } = await idle.db.query(`select count(*)::int as n from session where expire > now()`);
      expect(rows[0].n).toBe(0);
    } finally {
      await idle.close();
    }
  });

  it('when a login is older than 12 hours, then it ends however active the coach is', async () => {
    let now = Date.parse('2026-06-01T08:00:00Z');
    const timed = await createTestDeps();
    timed.clock = () => now;
    try {
      const timedApp = buildApp(timed);
      const coach = await coachActor(timedApp, 'Absolute', timed);
      for (let i = 0; i < 25; i++) {
        now += 25 * 60_000;
        const status = (await request(timedApp).get('/api/coach/overview').set('Cookie', coach.cookie))
          .status;
        if (now - Date.parse('2026-06-01T08:00:00Z') <= 12 * 3600_000) expect(status).toBe(200);
        else expect(status).toBe(401);
      }
    } finally {
      await timed.close();
    }
  });

  it('when the wrong password is given, then the answer is the same 401 as for an unknown email', async () => {
    const coach = await coachActor(app, 'Wrong', deps);
    const { agent, csrf } = await anonymous();
    const wrong = await agent
      .post('/api/session')
      .set('X-CSRF-Token', csrf)
      .send({ email: coach.email, password: 'not the right one at all' });
    const unknown = await agent
      .post('/api/session')
      .set('X-CSRF-Token', csrf)
      .send({ email: 'nobody@example.test', password: 'not the right one at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });
});

describe('login rate limiting', () => {
  it('when one account gets 5 wrong passwords, then further attempts are 429 with Retry-After, even with the right password', async () => {
    const coach = await coachActor(app, 'Brute', deps);
    const { agent, csrf } = await anonymous();
    for (let i = 0; i < LOGIN_LIMITS.accountFailures.points; i++) {
      expect(
        (
          await agent
            .post('/api/session')
            .set('X-CSRF-Token', csrf)
            .send({ email: coach.email, password: `wrong password ${i}` })
        ).status,
      ).toBe(401);
    }
    const blocked = await agent
      .post('/api/session')
      .set('X-CSRF-Token', csrf)
      .send({ email: coach.email, password: coach.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const other = await coachActor(app, 'Bystander', deps);
    const fine = await agent
      .post('/api/session')
      .set('X-CSRF-Token', csrf)
      .send({ email: other.email, password: other.password });
    expect(fine.status).toBe(200);
  });

  it('when one IP exceeds its attempt budget, then it gets 429 whatever the account', async () => {
    // Each attempt costs a full scrypt hash (N=2^17): the budget is configured small for this test alone.
    const budget = 8;
    const limited = await createTestDeps({ LOGIN_IP_ATTEMPTS: String(budget) });
    try {
      const limitedApp = buildApp(limited);
      // The app trusts X-Forwarded-For from loopback (its reverse proxy): one address for this test alone.
      const ip = '198.51.100.7';
      const agent = request.agent(limitedApp);
      const csrf = (await agent.get('/api/session')).body.csrfToken as string;
      const statuses: number[] = [];
      for (let i = 0; i <= budget; i++) {
        // Malformed input is rejected before the limiter: use well-formed, unknown accounts.
        const res = await agent
          .post('/api/session')
          .set('X-Forwarded-For', ip)
          .set('X-CSRF-Token', csrf)
          .send({ email: `u${i}@example.test`, password: 'x' });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, budget).every((s) => s === 401)).toBe(true);
      expect(statuses[budget]).toBe(429);
      const elsewhere = await agent
        .post('/api/session')
        .set('X-Forwarded-For', '198.51.100.8')
        .set('X-CSRF-Token', csrf)
        .send({ email: 'v@example.test', password: 'x' });
      expect(elsewhere.status).toBe(401);
    } finally {
      await limited.close();
    }
  }, 120_000);
});

describe('security headers', () => {
  it('when a page is served, then CSP forbids inline script and objects, and nosniff and Referrer-Policy are set', async () => {
    const res = await request(app).get('/login');
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\son[a-z]+=/i);
  });
});
