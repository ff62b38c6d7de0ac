import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { queuedJobData } from '../../support/queued-jobs';
import { insertAthlete, insertCoach, sessionCookie } from './fixtures';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock = () => Date.parse('2026-05-12T10:00:00Z');
});
afterAll(async () => {
  await deps.close();
});

async function signedIn() {
  const athlete = await insertAthlete(deps);
  const s = await sessionCookie(deps, {
    userId: athlete.userId,
    role: 'athlete',
    athleteId: athlete.athleteId,
  });
  const app = buildApp(deps);
  const as = <T extends request.Test>(r: T) => r.set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf);
  return { athlete, app, as };
}

describe('notification settings API', () => {
  it('when nobody is signed in, then the settings answer 401', async () => {
    const res = await request(buildApp(deps)).get('/api/me/notification-settings');
    expect(res.status).toBe(401);
  });

  it('when preferences are updated, then only the given fields change and bad values get a 400 naming the field', async () => {
    const { app, as } = await signedIn();
    const ok = await as(request(app).put('/api/me/notification-settings')).send({
      preferences: { quietHours: { start: '22:30', end: '06:00' }, digest: { enabled: true, hourLocal: 19 } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.preferences).toMatchObject({
      enabled: true,
      quietHours: { start: '22:30', end: '06:00' },
      digest: { enabled: true, hourLocal: 19 },
    });
    const bad = await as(request(app).put('/api/me/notification-settings')).send({
      preferences: { quietHours: { start: '25:00', end: '06:00' }, maxOnePerHours: -1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/preferences\.quietHours\.start: must be a time of day/);
    expect(bad.body.error.message).toMatch(/preferences\.maxOnePerHours/);
    const badThreshold = await as(request(app).put('/api/me/notification-settings')).send({
      alertSettings: { thresholds: { 'hard-session': 5 } },
    });
    expect(badThreshold.status).toBe(400);
    const threshold = await as(request(app).put('/api/me/notification-settings')).send({
      alertSettings: { thresholds: { 'hard-session': 400 } },
    });
    expect(threshold.body.alertSettings).toEqual({ thresholds: { 'hard-session': 400 } });
  });

  it('when the CSRF token is missing, then a change is refused with 403', async () => {
    const { athlete, app } = await signedIn();
    const s = await sessionCookie(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const res = await request(app).put('/api/me/status').set('Cookie', s.cookie).send({ injuredOrIll: true });
    expect(res.status).toBe(403);
  });

  it('when an address is invalid or tries header injection, then a 400 explains it and nothing is queued', async () => {
    const { athlete, app, as } = await signedIn();
    for (const address of ['not-an-address', 'a@b.c\r\nBcc: x@evil.test', 'Ana <ana@example.com>', '']) {
      const res = await as(request(app).put('/api/me/email')).send({ address });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/address: /);
    }
    const { rows } = await deps.db.query(`select 1 from email_outbox where user_id = $1`, [athlete.userId]);
    expect(rows).toHaveLength(0);
  });

  it('when confirmation emails are requested too often, then the sixth within an hour answers 429', async () => {
    const { app, as } = await signedIn();
    for (let i = 0; i < 5; i++)
      expect(
        (await as(request(app).put('/api/me/email')).send({ address: `a${i}@example.com` })).status,
      ).toBe(202);
    expect((await as(request(app).put('/api/me/email')).send({ address: 'a9@example.com' })).status).toBe(
      429,
    );
  });

  it('when races are added, listed and deleted, then past dates and bad priorities are refused', async () => {
    const { app, as } = await signedIn();
    const created = await as(request(app).post('/api/me/races')).send({
      raceDate: '2026-06-01',
      name: 'City <Marathon>',
      priority: 'A',
    });
    expect(created.status).toBe(201);
    expect(
      (await as(request(app).post('/api/me/races')).send({ raceDate: '2026-05-01', name: 'Past' })).status,
    ).toBe(400);
    expect(
      (
        await as(request(app).post('/api/me/races')).send({
          raceDate: '2026-07-01',
          name: 'X',
          priority: 'Z',
        })
      ).status,
    ).toBe(400);
    const list = await as(request(app).get('/api/me/races'));
    expect(list.body.races).toEqual([
      { id: created.body.id, raceDate: '2026-06-01', name: 'City <Marathon>', priority: 'A' },
    ]);
    expect((await as(request(app).delete(`/api/me/races/${created.body.id}`))).status).toBe(204);
    expect((await as(request(app).delete(`/api/me/races/${created.body.id}`))).status).toBe(404);
    expect((await as(request(app).delete('/api/me/races/not-a-uuid'))).status).toBe(404);
  });

  it('when the athlete marks themselves injured, then the flag is stored and alerts are re-evaluated', async () => {
    const { athlete, app, as } = await signedIn();
    const res = await as(request(app).put('/api/me/status')).send({ injuredOrIll: true });
    expect(res.status).toBe(200);
    const { rows } = await deps.db.query('select injured_or_ill from athlete where id = $1', [
      athlete.athleteId,
    ]);
    expect(rows[0].injured_or_ill).toBe(true);
    expect(await queuedJobData(deps, 'compute', 'recompute-athlete')).toContainEqual(
      expect.objectContaining({ athleteId: athlete.athleteId, fromDate: '2026-05-12' }),
    );
    expect((await as(request(app).put('/api/me/status')).send({ injuredOrIll: 'yes' })).status).toBe(400);
  });

  it('when a coach without a live consent asks for alert settings, then 404; with consent they can opt in', async () => {
    const athlete = await insertAthlete(deps);
    const coach = await insertCoach(deps, athlete.athleteId, { optIn: false });
    const stranger = await insertCoach(deps, (await insertAthlete(deps)).athleteId, { optIn: false });
    const app = buildApp(deps);
    const s = await sessionCookie(deps, { userId: stranger.userId, role: 'coach' });
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}/alert-settings`).set('Cookie', s.cookie))
        .status,
    ).toBe(404);
    const c = await sessionCookie(deps, { userId: coach.userId, role: 'coach' });
    const put = await request(app)
      .put(`/api/athletes/${athlete.athleteId}/alert-settings`)
      .set('Cookie', c.cookie)
      .set('X-CSRF-Token', c.csrf)
      .send({ coachAlertsOptIn: true });
    expect(put.status).toBe(200);
    expect(put.body.coachAlertsOptIn).toBe(true);
  });
});
