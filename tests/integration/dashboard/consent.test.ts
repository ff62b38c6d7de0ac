import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { COACH_VISIBLE_DATA } from '../../../services/dashboard/consent-text';
import { INVITE_TTL_MS } from '../../../services/dashboard/invites';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { athleteActor, coachActor, csrfFor, type Actor } from './support/world';

let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
let nowMs = Date.now();
beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock = () => nowMs;
  app = buildApp(deps);
});
afterAll(async () => {
  await deps.close();
});

async function post(actor: Actor, url: string, body: object = {}) {
  return request(app)
    .post(url)
    .set('Cookie', actor.cookie)
    .set('X-CSRF-Token', await csrfFor(app, actor.cookie))
    .send(body);
}

async function invite(coach: Actor, note = ''): Promise<string> {
  const res = await post(coach, '/api/coach/invites', { note });
  expect(res.status).toBe(201);
  return new URL(res.body.url as string).pathname.split('/').pop()!;
}

async function accept(athlete: Actor, token: string) {
  const preview = await request(app).get(`/api/invites/${token}`).set('Cookie', athlete.cookie);
  return post(athlete, `/api/invites/${token}/accept`, { consentVersion: preview.body.consentVersion });
}

describe('invite and consent', () => {
  it('when an athlete opens an invite, then they see the coach and exactly the list of data the coach will see', async () => {
    const coach = await coachActor(app, 'Preview Coach', deps);
    const token = await invite(coach, 'Spring group');
    const res = await request(app).get(`/api/invites/${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'open',
      coachName: 'Preview Coach',
      note: 'Spring group',
      visible: [...COACH_VISIBLE_DATA],
    });
    expect(res.body.consentText).toContain('Preview Coach');
  });

  it('when the athlete accepts, then the consent text and time are recorded and the coach sees the athlete', async () => {
    const coach = await coachActor(app, 'Accept Coach', deps);
    const athlete = await athleteActor(deps, { firstname: 'Ada' });
    const token = await invite(coach);
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}`).set('Cookie', coach.cookie)).status,
    ).toBe(404);
    const res = await accept(athlete, token);
    expect(res.status).toBe(201);
    const { rows } = await deps.db.query(
      'select consent_text, consented_at, revoked_at from coach_athlete where coach_user_id = $1 and athlete_id = $2',
      [coach.userId, athlete.athleteId],
    );
    expect(rows[0].consent_text).toContain('Accept Coach');
    expect(rows[0].consented_at).toBeInstanceOf(Date);
    expect(rows[0].revoked_at).toBeNull();
    const events = await deps.db.query(
      `select action, consent_text from consent_event where athlete_id = $1`,
      [athlete.athleteId],
    );
    expect(events.rows).toEqual([{ action: 'granted', consent_text: rows[0].consent_text }]);
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}`).set('Cookie', coach.cookie)).status,
    ).toBe(200);
    const overview = await request(app).get('/api/coach/overview').set('Cookie', coach.cookie);
    expect(overview.body.athletes.map((a: { athleteId: string }) => a.athleteId)).toEqual([
      athlete.athleteId,
    ]);
  });

  it('when the athlete revokes, then the coach is denied with 404 on the very next request', async () => {
    const coach = await coachActor(app, 'Revoked Coach', deps);
    const athlete = await athleteActor(deps);
    await accept(athlete, await invite(coach));
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}/series`).set('Cookie', coach.cookie))
        .status,
    ).toBe(200);
    expect((await post(athlete, `/api/me/coaches/${coach.userId}/revoke`)).status).toBe(204);
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}/series`).set('Cookie', coach.cookie))
        .status,
    ).toBe(404);
    const overview = await request(app).get('/api/coach/overview').set('Cookie', coach.cookie);
    expect(overview.body.athletes).toEqual([]);
    const page = await request(app)
      .get(`/athletes/${athlete.athleteId}`)
      .set('Cookie', coach.cookie)
      .set('Accept', 'text/html');
    expect(page.status).toBe(404);
    expect(page.text).toContain('No athlete with this id is shared with you.');
  });

  it('when the athlete re-accepts after revoking, then a fresh consent is recorded and access returns', async () => {
    const coach = await coachActor(app, 'Again Coach', deps);
    const athlete = await athleteActor(deps);
    await accept(athlete, await invite(coach));
    await post(athlete, `/api/me/coaches/${coach.userId}/revoke`);
    nowMs += 60_000;
    expect((await accept(athlete, await invite(coach))).status).toBe(201);
    const { rows } = await deps.db.query(
      'select action from consent_event where athlete_id = $1 order by id',
      [athlete.athleteId],
    );
    expect(rows.map((r) => r.action)).toEqual(['granted', 'revoked', 'granted']);
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}`).set('Cookie', coach.cookie)).status,
    ).toBe(200);
  });

  it('when an invite is used, expired or withdrawn, then accepting it is a 410 with a clear reason', async () => {
    const coach = await coachActor(app, 'Dead Coach', deps);
    const first = await athleteActor(deps);
    const second = await athleteActor(deps);
    const used = await invite(coach);
    await accept(first, used);
    const usedRes = await accept(second, used);
    expect(usedRes.status).toBe(410);
    expect(usedRes.body.error.message).toMatch(/already used/);

    const withdrawn = await invite(coach);
    const list = await request(app).get('/api/coach/invites').set('Cookie', coach.cookie);
    const open = list.body.invites.find((i: { state: string }) => i.state === 'open');
    expect((await post(coach, `/api/coach/invites/${open.id}/revoke`)).status).toBe(204);
    expect((await accept(second, withdrawn)).body.error.message).toMatch(/withdrew/);

    const expiring = await invite(coach);
    nowMs += INVITE_TTL_MS + 1000;
    // Two weeks later the old sessions are past their absolute timeout: sign in afresh.
    const later = await athleteActor(deps);
    const expired = await accept(later, expiring);
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/expired/);
    expect((await request(app).get(`/api/invites/${expiring}`)).body.state).toBe('expired');
  });

  it('when the consent version does not match the text, then nothing is recorded (409)', async () => {
    const coach = await coachActor(app, 'Version Coach', deps);
    const athlete = await athleteActor(deps);
    const token = await invite(coach);
    const res = await post(athlete, `/api/invites/${token}/accept`, { consentVersion: '0000000000000000' });
    expect(res.status).toBe(409);
    const { rowCount } = await deps.db.query('select 1 from coach_athlete where athlete_id = $1', [
      athlete.athleteId,
    ]);
    expect(rowCount).toBe(0);
  });

  it('when a coach tries to accept an invite, then it is refused (only athletes consent)', async () => {
    const coach = await coachActor(app, 'Self Coach', deps);
    const token = await invite(coach);
    expect(
      (await post(coach, `/api/invites/${token}/accept`, { consentVersion: '0000000000000000' })).status,
    ).toBe(403);
  });

  it('when an invite token is unknown or malformed, then the answer is a 404 with a clear message and the page still renders', async () => {
    for (const token of ['A'.repeat(43), 'x', "'; drop table coach_invite; --"]) {
      const res = await request(app).get(`/api/invites/${encodeURIComponent(token)}`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/not valid/);
    }
    const page = await request(app)
      .get(`/invite/${'A'.repeat(43)}`)
      .set('Accept', 'text/html');
    expect(page.status).toBe(200);
  });

  it('when an athlete has several coaches, then each sees them and revoking one leaves the other', async () => {
    const a = await coachActor(app, 'Coach A', deps);
    const b = await coachActor(app, 'Coach B', deps);
    const athlete = await athleteActor(deps);
    await accept(athlete, await invite(a));
    await accept(athlete, await invite(b));
    const mine = await request(app).get('/api/me/coaches').set('Cookie', athlete.cookie);
    expect(mine.body.coaches.map((c: { name: string }) => c.name).sort()).toEqual(['Coach A', 'Coach B']);
    await post(athlete, `/api/me/coaches/${a.userId}/revoke`);
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}`).set('Cookie', a.cookie)).status,
    ).toBe(404);
    expect(
      (await request(app).get(`/api/athletes/${athlete.athleteId}`).set('Cookie', b.cookie)).status,
    ).toBe(200);
  });
});
