import { randomBytes, scryptSync } from 'node:crypto';
import request from 'supertest';
import { accountKey } from '../../services/api/middleware/rate-limit-login';
import { ANONYMOUS_SESSION_MS } from '../../services/api/middleware/session';
import { coachActor } from '../integration/dashboard/support/world';
import { openedOutboxEmails } from '../support/outbox-content';
import { anonymousBrowser, countRows, startAttackWorld, type AttackWorld } from './support/attack-world';

let w: AttackWorld;
beforeAll(async () => {
  w = await startAttackWorld();
});
afterAll(async () => {
  await w.close();
});

const login = (b: Awaited<ReturnType<typeof anonymousBrowser>>, body: Record<string, unknown>) =>
  b.agent.post('/api/session').set('X-CSRF-Token', b.csrf).send(body);

describe('ASVS-15.2 login limiter race', () => {
  it('when 40 wrong passwords for one account arrive in parallel, then at most 5 are checked and the rest (and then the right password) get 429', async () => {
    const coach = await coachActor(w.app, 'Race Target', w.deps);
    const b = await anonymousBrowser(w.app);
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(b, { email: coach.email, password: `wrong guess ${i} xyz` }),
      ),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    const right = await login(b, { email: coach.email, password: coach.password });
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('when the attacker comes back after the window for another round, then the lockout doubles (backoff)', async () => {
    const coach = await coachActor(w.app, 'Backoff Target', w.deps);
    const b = await anonymousBrowser(w.app);
    const round = async () => {
      const rs = [];
      for (let i = 0; i < 6; i++)
        rs.push(await login(b, { email: coach.email, password: `nope nope ${i} abc` }));
      return Number(rs.at(-1)!.headers['retry-after']);
    };
    const first = await round();
    expect(first).toBeGreaterThan(14 * 60);
    // The window ends (its key expires); the lockout history stays.
    await w.deps.redis.del(`${w.deps.config.queuePrefix}:rl:login-account:${accountKey(coach.email)}`);
    const second = await round();
    expect(second).toBeGreaterThan(first * 1.9);
  });
});

describe('ASVS-15.4 open redirect after login', () => {
  it('when next is /\\evil.example, //evil.example or an absolute URL, then login answers a local redirect', async () => {
    const coach = await coachActor(w.app, 'Redirect', w.deps);
    for (const next of ['/\\evil.example', '//evil.example', 'https://evil.example/', '/\t/evil.example']) {
      const b = await anonymousBrowser(w.app);
      const res = await login(b, { email: coach.email, password: coach.password, next });
      expect({ next, status: res.status, to: res.body.redirectTo }).toEqual({
        next,
        status: 200,
        to: '/coach',
      });
    }
    const b = await anonymousBrowser(w.app);
    const ok = await login(b, { email: coach.email, password: coach.password, next: '/coach/invites?x=1' });
    expect(ok.body.redirectTo).toBe('/coach/invites?x=1');
  });
});

describe('ASVS-15.6 anonymous sessions fill the disk', () => {
  it('when a crawler fetches 100 pages without cookies, then no session row is created', async () => {
    const before = await countRows(w.deps, 'session');
    const paths = ['/', '/login', '/signup', '/password-reset', '/coach', '/api/openapi.json', '/nope'];
    for (let i = 0; i < 100; i++) await request(w.app).get(paths[i % paths.length]!);
    expect(await countRows(w.deps, 'session')).toBe(before);
  });

  it('when an anonymous visitor gets a CSRF token, then their row expires within 15 minutes and pruning deletes it', async () => {
    const b = await anonymousBrowser(w.app);
    const sid = decodeURIComponent(b.cookie.split('=')[1]!).slice(2).split('.')[0]!;
    const { rows } = await w.deps.db.query<{ expire: Date }>('select expire from session where sid = $1', [
      sid,
    ]);
    expect(rows[0]!.expire.getTime()).toBeLessThanOrEqual(Date.now() + ANONYMOUS_SESSION_MS + 5000);
    const coach = await coachActor(w.app, 'Kept Session', w.deps);
    await w.deps.db.query(`update session set expire = now() - interval '1 second' where sid = $1`, [sid]);
    const store = w.app.locals.sessionStore as { pruneSessions: (cb: (e?: Error) => void) => void };
    await new Promise<void>((ok, fail) => store.pruneSessions((e) => (e ? fail(e) : ok())));
    expect((await w.deps.db.query('select 1 from session where sid = $1', [sid])).rowCount).toBe(0);
    expect((await request(w.app).get('/api/session').set('Cookie', coach.cookie)).body.user).not.toBeNull();
  });
});

describe('ASVS-15.7 scrypt below the OWASP minimum', () => {
  it('when a coach signs up, then the hash uses N=2^17, r=8, p=1', async () => {
    const coach = await coachActor(w.app, 'Strong Hash', w.deps);
    const { rows } = await w.deps.db.query('select password_hash from app_user where id = $1', [
      coach.userId,
    ]);
    expect(rows[0].password_hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
  });

  it('when a coach with an old N=2^15 hash logs in, then the hash is upgraded and the password still works', async () => {
    const coach = await coachActor(w.app, 'Old Hash', w.deps);
    const salt = randomBytes(16);
    const key = scryptSync(coach.password.normalize('NFKC'), salt, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    const old = `$scrypt$ln=15,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`;
    await w.deps.db.query('update app_user set password_hash = $2 where id = $1', [coach.userId, old]);
    expect(
      (await login(await anonymousBrowser(w.app), { email: coach.email, password: coach.password })).status,
    ).toBe(200);
    const { rows } = await w.deps.db.query('select password_hash from app_user where id = $1', [
      coach.userId,
    ]);
    expect(rows[0].password_hash).toMatch(/^\$scrypt\$ln=17,/);
    expect(
      (await login(await anonymousBrowser(w.app), { email: coach.email, password: coach.password })).status,
    ).toBe(200);
  });
});

describe('ASVS-15.held single-use password reset', () => {
  it('when a reset link is used twice, then the second use is refused (410) and the password stays', async () => {
    const coach = await coachActor(w.app, 'Reset Twice', w.deps);
    const b = await anonymousBrowser(w.app);
    expect(
      (await b.agent.post('/api/password-resets').set('X-CSRF-Token', b.csrf).send({ email: coach.email }))
        .status,
    ).toBe(202);
    const [mail] = await openedOutboxEmails(w.deps, `recipient = $1 and kind = 'password-reset'`, [
      coach.email,
    ]);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.textBody)![1]!;
    const complete = (password: string) =>
      b.agent.post('/api/password-resets/complete').set('X-CSRF-Token', b.csrf).send({ token, password });
    expect((await complete('a brand new passphrase 1')).status).toBe(200);
    expect((await complete('the attacker passphrase 2')).status).toBe(410);
    const again = await login(await anonymousBrowser(w.app), {
      email: coach.email,
      password: 'a brand new passphrase 1',
    });
    expect(again.status).toBe(200);
  });
});

describe('ASVS-15.held CSRF', () => {
  it('when a cross-site form posts a login or a logout without the token, then 403 and nothing happens', async () => {
    const coach = await coachActor(w.app, 'Csrf', w.deps);
    const forged = await request(w.app).post('/api/session/logout').set('Cookie', coach.cookie);
    expect(forged.status).toBe(403);
    expect((await request(w.app).get('/api/session').set('Cookie', coach.cookie)).body.user).not.toBeNull();
    const b = await anonymousBrowser(w.app);
    const noToken = await b.agent.post('/api/session').send({ email: coach.email, password: coach.password });
    expect(noToken.status).toBe(403);
  });
});

describe('ASVS-15.held malformed bodies', () => {
  it('when bodies are broken JSON, oversized, the wrong type or carry extra fields, then 4xx with a reason, never 5xx', async () => {
    const b = await anonymousBrowser(w.app);
    const post = () => b.agent.post('/api/session').set('X-CSRF-Token', b.csrf);
    const answers = [
      await post().set('Content-Type', 'application/json').send('{"email":'),
      await post()
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(70_000) })),
      await post().send({ email: ['a@b.test'], password: { $gt: '' } }),
      await post().send({ email: 'a@b.test', password: 'long enough pw', role: 'admin' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([400, 413, 400, 400]);
    for (const r of answers) expect(r.body.error.message).toEqual(expect.any(String));
  });
});
