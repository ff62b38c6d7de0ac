import request from 'supertest';
import { markEmailUndeliverable } from '../../../db/queries/email-addresses';
import { buildApp } from '../../../services/api/app';
import { relayDueEmails } from '../../../services/notify/outbox-relay';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { cookieOf, csrfFor, sessionFor } from '../dashboard/support/world';
import { decide, evaluation, insertActivity, insertAthlete } from './fixtures';

jest.setTimeout(60_000);

let deps: TestDeps;
let sink: SmtpSink;
let app: ReturnType<typeof buildApp>;
const DAY = '2026-05-12';
const PASSWORD = 'steady aerobic base miles';

beforeAll(async () => {
  sink = await startSmtpSink();
  deps = await createTestDeps({ SMTP_URL: sink.url });
  app = buildApp(deps);
});
afterAll(async () => {
  await deps.close();
  await sink.stop();
});

const mailsTo = (address: string) => sink.messages.filter((m) => m.envelopeTo.includes(address));

/** The /email/confirm link of the newest confirmation email to `address`, as a path for supertest. */
function confirmLinkTo(address: string): string {
  const mail = mailsTo(address)
    .filter((m) => /confirm/i.test(m.parsed.subject ?? ''))
    .at(-1);
  const url = /https?:\/\/\S+\/email\/confirm\?t=[\w%.-]+/.exec(mail?.parsed.text ?? '')?.[0];
  if (!url) throw new Error(`no confirmation link was emailed to ${address}`);
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

async function anonymous() {
  const agent = request.agent(app);
  const s = await agent.get('/api/session');
  return { agent, csrf: s.body.csrfToken as string };
}

async function login(email: string) {
  const { agent, csrf } = await anonymous();
  return agent.post('/api/session').set('X-CSRF-Token', csrf).send({ email, password: PASSWORD });
}

async function send(method: 'post' | 'put', cookie: string, url: string, body: object = {}) {
  return request(app)
    [method](url)
    .set('Cookie', cookie)
    .set('X-CSRF-Token', await csrfFor(app, cookie))
    .send(body);
}

describe('coach email confirmation, end to end', () => {
  it('when a coach signs up, confirms from the email and is opted in to a consenting athlete, then an alert copy arrives at the confirmed address', async () => {
    const email = `coach-e2e-${Date.now()}@example.test`;
    const { agent, csrf } = await anonymous();
    const signUp = await agent
      .post('/api/coaches')
      .set('X-CSRF-Token', csrf)
      .send({ email, password: PASSWORD, displayName: 'Robin Coach' });
    expect(signUp.status).toBe(202);
    expect((await login(email)).status).toBe(401); // not before the address is confirmed

    await relayDueEmails(deps);
    const link = confirmLinkTo(email);
    const shown = await request(app).get(link); // a mail scanner's prefetch changes nothing
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Confirm address');
    expect((await login(email)).status).toBe(401);
    const confirmed = await request(app)
      .post('/email/confirm')
      .type('form')
      .send({ t: new URL(link, 'http://x').searchParams.get('t') });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Email address confirmed');

    const signedIn = await login(email);
    expect(signedIn.status).toBe(200);
    const coach = {
      cookie: cookieOf(signedIn.headers['set-cookie']),
      userId: signedIn.body.user.id as string,
    };
    const settings = await request(app).get('/api/coach/settings').set('Cookie', coach.cookie);
    expect(settings.body.email).toMatchObject({ address: email, confirmed: true, pendingAddress: null });
    expect(settings.body.alertCopies.deliverable).toBe(true);

    const athlete = await insertAthlete(deps);
    const athleteActor = await sessionFor(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const invite = await send('post', coach.cookie, '/api/coach/invites', { note: 'Track group' });
    expect(invite.status).toBe(201);
    const token = new URL(invite.body.url as string).pathname.split('/').pop()!;
    const preview = await request(app).get(`/api/invites/${token}`).set('Cookie', athleteActor.cookie);
    const accepted = await send('post', athleteActor.cookie, `/api/invites/${token}/accept`, {
      consentVersion: preview.body.consentVersion,
    });
    expect(accepted.status).toBe(201);
    const optIn = await send('put', coach.cookie, `/api/athletes/${athlete.athleteId}/alert-settings`, {
      coachAlertsOptIn: true,
    });
    expect(optIn.body.coachAlertsOptIn).toBe(true);

    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    await decide(deps, athlete.athleteId, evaluation(athlete.athleteId, { localDate: DAY, activityId }));
    await relayDueEmails(deps);
    const copies = mailsTo(email).filter((m) => !/confirm/i.test(m.parsed.subject ?? ''));
    expect(copies).toHaveLength(1);
    expect(mailsTo(athlete.email!)).toHaveLength(1);
  });

  it('when a coach changes their address, then it waits for confirmation, can be re-sent, and settings say when copies cannot be delivered', async () => {
    const email = `coach-change-${Date.now()}@example.test`;
    const { agent, csrf } = await anonymous();
    await agent
      .post('/api/coaches')
      .set('X-CSRF-Token', csrf)
      .send({ email, password: PASSWORD, displayName: 'Sam' });
    await relayDueEmails(deps);
    const t = new URL(confirmLinkTo(email), 'http://x').searchParams.get('t');
    expect((await request(app).post('/email/confirm').type('form').send({ t })).status).toBe(200);
    const signedIn = await login(email);
    const cookie = cookieOf(signedIn.headers['set-cookie']);

    const next = `new-${email}`;
    const changed = await send('put', cookie, '/api/coach/email', { address: next });
    expect(changed.status).toBe(202);
    expect(changed.body.email).toMatchObject({ address: email, confirmed: true, pendingAddress: next });
    expect((await send('post', cookie, '/api/coach/email/resend')).status).toBe(202);
    await relayDueEmails(deps);
    expect(mailsTo(next).filter((m) => /confirm/i.test(m.parsed.subject ?? ''))).toHaveLength(2);
    const tNext = new URL(confirmLinkTo(next), 'http://x').searchParams.get('t');
    expect((await request(app).post('/email/confirm').type('form').send({ t: tNext })).status).toBe(200);
    const after = await request(app).get('/api/coach/settings').set('Cookie', cookie);
    expect(after.body.email).toMatchObject({ address: next, confirmed: true, pendingAddress: null });
    expect((await send('post', cookie, '/api/coach/email/resend')).status).toBe(409);

    await markEmailUndeliverable(deps.db, signedIn.body.user.id, next, 'mailbox unavailable', new Date());
    const blocked = await request(app).get('/api/coach/settings').set('Cookie', cookie);
    expect(blocked.body.alertCopies).toEqual({
      deliverable: false,
      message: expect.stringMatching(/not sent until your email address is confirmed and deliverable/),
    });
  });

  it('when a coach page is opened, then the settings page is served to coaches only', async () => {
    expect((await request(app).get('/coach/settings')).status).toBe(303);
  });
});
