import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { buildApp } from '../../services/api/app';
import { relayDueEmails } from '../../services/notify/outbox-relay';
import { coachActor } from '../integration/dashboard/support/world';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../support/test-deps';

jest.setTimeout(60_000);

let deps: TestDeps;
let sink: SmtpSink;
let app: ReturnType<typeof buildApp>;

beforeAll(async () => {
  sink = await startSmtpSink();
  deps = await createTestDeps({ SMTP_URL: sink.url });
  app = buildApp(deps);
});
afterAll(async () => {
  await deps.close();
  await sink.stop();
});

const ATTACKER_PASSWORD = 'attacker chosen passphrase 7';

/** The attacker's probe: sign up with `email`, then look at everything the answer and a login reveal. */
async function probe(email: string) {
  const agent = request.agent(app);
  const csrf = (await agent.get('/api/session')).body.csrfToken as string;
  const started = process.hrtime.bigint();
  const signUp = await agent
    .post('/api/coaches')
    .set('X-CSRF-Token', csrf)
    .send({ email, password: ATTACKER_PASSWORD, displayName: 'Probe' });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const session = await agent.get('/api/session');
  const login = await agent
    .post('/api/session')
    .set('X-CSRF-Token', session.body.csrfToken)
    .send({ email, password: ATTACKER_PASSWORD });
  return {
    view: {
      status: signUp.status,
      body: JSON.stringify(signUp.body).replaceAll(email, '<address>'),
      signedIn: session.body.user !== null,
      login: [login.status, JSON.stringify(login.body.error?.message)],
    },
    elapsedMs,
  };
}

/** Mail to `address` other than the confirmation of its own sign-up. */
const existsMailsTo = (address: string) =>
  sink.messages.filter((m) => m.envelopeTo.includes(address) && !/confirm/i.test(m.parsed.subject ?? ''));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('ASVS-15.5 sign-up enumeration', () => {
  it('when an attacker signs up with a registered and with a new address, then the answers, the session and a following login look the same', async () => {
    const victim = await coachActor(app, 'Victim', deps);
    const known = await probe(victim.email);
    const fresh = await probe(`nobody-${randomUUID().slice(0, 8)}@example.test`);
    expect(known.view).toEqual(fresh.view);
    expect(known.view.status).toBe(202);
    expect(known.view.signedIn).toBe(false);
    expect(known.view.login[0]).toBe(401);
  });

  it('when a registered address is used to sign up, then its owner is emailed, nothing changes, and their password still works', async () => {
    const victim = await coachActor(app, 'Owner', deps);
    await probe(victim.email);
    await relayDueEmails(deps);
    const mails = existsMailsTo(victim.email);
    expect(mails.map((m) => m.parsed.subject)).toEqual(['You already have a Kneadwise account']);
    expect(mails[0]!.parsed.text).toMatch(/\/password-reset/);
    const { rows } = await deps.db.query(
      `select count(*)::int as n from app_user where lower(email) = lower($1)`,
      [victim.email],
    );
    expect(rows[0].n).toBe(1);
    const agent = request.agent(app);
    const csrf = (await agent.get('/api/session')).body.csrfToken as string;
    const login = await agent
      .post('/api/session')
      .set('X-CSRF-Token', csrf)
      .send({ email: victim.email, password: victim.password });
    expect(login.status).toBe(200);
  });

  it('when sign-up is repeated for a registered address, then its owner gets at most one such email an hour', async () => {
    const victim = await coachActor(app, 'Flooded', deps);
    for (let i = 0; i < 4; i++) await probe(victim.email);
    await relayDueEmails(deps);
    expect(existsMailsTo(victim.email)).toHaveLength(1);
  });

  it('when sign-ups for registered and new addresses are timed, then neither is markedly faster (the password is hashed either way)', async () => {
    const victim = await coachActor(app, 'Timed', deps);
    const knownMs: number[] = [];
    const freshMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      knownMs.push((await probe(victim.email)).elapsedMs);
      freshMs.push((await probe(`timed-${randomUUID().slice(0, 8)}@example.test`)).elapsedMs);
    }
    const ratio = median(knownMs) / median(freshMs);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});
