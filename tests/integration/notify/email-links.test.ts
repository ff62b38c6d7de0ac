import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { relayDueEmails } from '../../../services/notify/outbox-relay';
import { signLink } from '../../../services/notify/signed-links';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { insertActivity, insertAthlete, sessionCookie } from './fixtures';

let deps: TestDeps;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  deps = await createTestDeps({ SMTP_URL: sink.url });
});
afterAll(async () => {
  await deps.close();
  await sink.stop();
});

const sign = (
  purpose: 'rpe' | 'unsubscribe' | 'confirm-email',
  subject: string,
  value: string,
  nowMs = Date.now(),
) => signLink(deps.config.sessionSecret, { purpose, subject, value, nowMs });

describe('signed email links', () => {
  it('when an RPE link is tampered with, expired, or used for another purpose, then a clear 4xx page answers and nothing changes', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    const good = sign('rpe', athlete.athleteId, `${activityId}:5`);
    const [body, sig] = good.split('.');
    const forged = `${Buffer.from(Buffer.from(body!, 'base64url').toString().replace(':5', ':9')).toString('base64url')}.${sig}`;
    const expired = sign('rpe', athlete.athleteId, `${activityId}:5`, Date.now() - 30 * 86_400_000);
    const otherPurpose = sign('unsubscribe', athlete.athleteId, `${activityId}:5`);
    const app = buildApp(deps);
    const cases: [string, number, RegExp][] = [
      [forged, 400, /not valid/],
      [`${good}x`, 400, /not valid/],
      ['', 400, /not valid/],
      [expired, 410, /expired/],
      [otherPurpose, 400, /not valid/],
    ];
    for (const [token, status, text] of cases) {
      const get = await request(app).get('/email/rpe').query({ t: token });
      const post = await request(app).post('/email/rpe').type('form').send({ t: token });
      expect([get.status, post.status]).toEqual([status, status]);
      expect(post.text).toMatch(text);
    }
    const { rows } = await deps.db.query('select rpe from activity where id = $1', [activityId]);
    expect(rows[0].rpe).toBeNull();
  });

  it('when an RPE link is replayed, then the second POST answers 409 and the first rating stays', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    const app = buildApp(deps);
    const first = await request(app)
      .post('/email/rpe')
      .type('form')
      .send({ t: sign('rpe', athlete.athleteId, `${activityId}:8`) });
    expect(first.status).toBe(200);
    const token = sign('rpe', athlete.athleteId, `${activityId}:3`);
    expect((await request(app).post('/email/rpe').type('form').send({ t: token })).status).toBe(200);
    const replay = await request(app).post('/email/rpe').type('form').send({ t: token });
    expect(replay.status).toBe(409);
    expect((await request(app).get('/email/rpe').query({ t: token })).status).toBe(409);
    const { rows } = await deps.db.query('select rpe from activity where id = $1', [activityId]);
    expect(rows[0].rpe).toBe(3);
  });

  it("when a valid RPE link names another athlete's activity, then it answers 410 and changes nothing", async () => {
    const owner = await insertAthlete(deps);
    const other = await insertAthlete(deps);
    const activityId = await insertActivity(deps, owner.athleteId, { localDate: '2026-05-12' });
    const res = await request(buildApp(deps))
      .post('/email/rpe')
      .type('form')
      .send({ t: sign('rpe', other.athleteId, `${activityId}:9`) });
    expect(res.status).toBe(410);
    const { rows } = await deps.db.query('select rpe from activity where id = $1', [activityId]);
    expect(rows[0].rpe).toBeNull();
  });

  it('when the unsubscribe link is fetched (GET), then nothing changes; POST unsubscribes and a replay is an idempotent 200', async () => {
    const athlete = await insertAthlete(deps);
    const token = sign('unsubscribe', athlete.athleteId, 'athlete');
    const app = buildApp(deps);
    const enabled = async () =>
      (await deps.db.query('select notification_prefs from athlete where id = $1', [athlete.athleteId]))
        .rows[0].notification_prefs.enabled;
    expect((await request(app).get('/email/unsubscribe').query({ t: token })).status).toBe(200);
    expect(await enabled()).toBeUndefined();
    expect(
      (
        await request(app)
          .post(`/email/unsubscribe?t=${token}`)
          .type('form')
          .send('List-Unsubscribe=One-Click')
      ).status,
    ).toBe(200);
    expect(await enabled()).toBe(false);
    expect(
      (
        await request(app)
          .post(`/email/unsubscribe?t=${token}`)
          .type('form')
          .send('List-Unsubscribe=One-Click')
      ).status,
    ).toBe(200);
    const tampered = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(
      (
        await request(app)
          .post(`/email/unsubscribe?t=${tampered}`)
          .type('form')
          .send('List-Unsubscribe=One-Click')
      ).status,
    ).toBe(400);
  });

  it('when an athlete enters an address, then a confirmation email arrives whose link confirms on POST only, once', async () => {
    const athlete = await insertAthlete(deps, { email: null });
    const session = await sessionCookie(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const app = buildApp(deps);
    const put = await request(app)
      .put('/api/me/email')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .send({ address: 'new.runner@example.org' });
    expect(put.status).toBe(202);
    expect(put.body.email).toMatchObject({
      address: null,
      confirmed: false,
      pendingAddress: 'new.runner@example.org',
    });
    await relayDueEmails(deps);
    const mail = sink.messages.find((m) => m.envelopeTo.includes('new.runner@example.org'))!;
    const link = /https?:\/\/\S+\/email\/confirm\?t=[A-Za-z0-9._%-]+/.exec(mail.parsed.text ?? '')![0];
    const path = link.replace(/^https?:\/\/[^/]+/, '');
    expect((await request(app).get(path)).status).toBe(200);
    const before = await request(app).get('/api/me/notification-settings').set('Cookie', session.cookie);
    expect(before.body.email.confirmed).toBe(false);
    const token = decodeURIComponent(new URL(link).searchParams.get('t')!);
    expect((await request(app).post('/email/confirm').type('form').send({ t: token })).status).toBe(200);
    const after = await request(app).get('/api/me/notification-settings').set('Cookie', session.cookie);
    expect(after.body.email).toMatchObject({
      address: 'new.runner@example.org',
      confirmed: true,
      pendingAddress: null,
    });
    expect((await request(app).post('/email/confirm').type('form').send({ t: token })).status).toBe(409);
  });
});
