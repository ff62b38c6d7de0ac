import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { RESET_TTL_MS } from '../../../services/accounts/password-reset';
import { openedOutboxEmails } from '../../support/outbox-content';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { coachActor } from './support/world';

let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
let nowMs = Date.now();
beforeAll(async () => {
  deps = await createTestDeps({ PUBLIC_URL: 'http://kneadwise.test' });
  deps.clock = () => nowMs;
  app = buildApp(deps);
});
afterAll(async () => {
  await deps.close();
});

async function anon() {
  const agent = request.agent(app);
  return { agent, csrf: (await agent.get('/api/session')).body.csrfToken as string };
}

/** The reset link from the outbox email (the same row the relay sends, its sealed token opened). */
async function linkFor(email: string): Promise<string> {
  const rows = await openedOutboxEmails(deps, `recipient = $1 and kind = 'password-reset'`, [email]);
  const m = /token=([A-Za-z0-9_-]+)/.exec(rows[0]?.textBody ?? '');
  if (!m) throw new Error('no reset link in the outbox');
  return m[1]!;
}

describe('password reset', () => {
  it('when a reset is requested, then the email goes through the outbox and only a hash of the token is stored', async () => {
    const coach = await coachActor(app, 'Reset One', deps);
    const { agent, csrf } = await anon();
    const res = await agent
      .post('/api/password-resets')
      .set('X-CSRF-Token', csrf)
      .send({ email: coach.email });
    expect(res.status).toBe(202);
    const token = await linkFor(coach.email);
    const { rows } = await deps.db.query('select token_hash from password_reset where user_id = $1', [
      coach.userId,
    ]);
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0].token_hash).toString('base64url')).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('when an unknown address asks for a reset, then the answer is the same 202 and no email is queued', async () => {
    const { agent, csrf } = await anon();
    const res = await agent
      .post('/api/password-resets')
      .set('X-CSRF-Token', csrf)
      .send({ email: 'nobody-here@example.test' });
    expect(res.status).toBe(202);
    expect(
      (await deps.db.query(`select 1 from email_outbox where recipient = 'nobody-here@example.test'`))
        .rowCount,
    ).toBe(0);
  });

  it('when the link is used, then the password changes, old sessions end, and the link cannot be used twice', async () => {
    const coach = await coachActor(app, 'Reset Two', deps);
    const { agent, csrf } = await anon();
    await agent.post('/api/password-resets').set('X-CSRF-Token', csrf).send({ email: coach.email });
    const token = await linkFor(coach.email);
    expect(
      (await agent.post('/api/password-resets/inspect').set('X-CSRF-Token', csrf).send({ token })).body.state,
    ).toBe('valid');
    const weak = await agent
      .post('/api/password-resets/complete')
      .set('X-CSRF-Token', csrf)
      .send({ token, password: 'short' });
    expect(weak.status).toBe(400);
    const done = await agent
      .post('/api/password-resets/complete')
      .set('X-CSRF-Token', csrf)
      .send({ token, password: 'a brand new passphrase 7' });
    expect(done.status).toBe(200);
    expect((await request(app).get('/api/coach/overview').set('Cookie', coach.cookie)).status).toBe(401);
    const again = await agent
      .post('/api/password-resets/complete')
      .set('X-CSRF-Token', csrf)
      .send({ token, password: 'another new passphrase 8' });
    expect(again.status).toBe(410);
    expect(again.body.error.message).toMatch(/already used/);
    const login = await agent
      .post('/api/session')
      .set('X-CSRF-Token', csrf)
      .send({ email: coach.email, password: 'a brand new passphrase 7' });
    expect(login.status).toBe(200);
  });

  it('when the link is older than one hour, then it is refused as expired', async () => {
    const coach = await coachActor(app, 'Reset Three', deps);
    const { agent, csrf } = await anon();
    await agent.post('/api/password-resets').set('X-CSRF-Token', csrf).send({ email: coach.email });
    const token = await linkFor(coach.email);
    nowMs += RESET_TTL_MS + 1000;
    const fresh = await anon();
    const res = await fresh.agent
      .post('/api/password-resets/complete')
      .set('X-CSRF-Token', fresh.csrf)
      .send({ token, password: 'a brand new passphrase 9' });
    expect(res.status).toBe(410);
    expect(res.body.error.message).toMatch(/expired/);
  });
});
