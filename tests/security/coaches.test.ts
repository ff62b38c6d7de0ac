import request from 'supertest';
import { insertOutboxEmail } from '../../db/queries/email-outbox';
import { deliverOutboxEmail } from '../../services/notify/outbox-relay';
import { athleteActor, coachActor, csrfFor, linkCoach } from '../integration/dashboard/support/world';
import { startAttackWorld, type AttackWorld } from './support/attack-world';

let w: AttackWorld;
beforeAll(async () => {
  w = await startAttackWorld();
});
afterAll(async () => {
  await w.close();
});

async function coachedAthlete() {
  const athlete = await athleteActor(w.deps, { firstname: 'Scoped' });
  const coach = await coachActor(w.app, 'Scope Coach', w.deps);
  await linkCoach(w.deps, coach.userId, athlete.athleteId!);
  return { athlete, coach };
}

const put = async (actor: { cookie: string }, url: string, body: unknown) =>
  request(w.app)
    .put(url)
    .set('Cookie', actor.cookie)
    .set('X-CSRF-Token', await csrfFor(w.app, actor.cookie))
    .send(body as object);

describe('ASVS-15.10 coach changes what the athlete only let them see', () => {
  it('when a coach with consent to see changes the athlete thresholds, then 403 and nothing changes', async () => {
    const { athlete, coach } = await coachedAthlete();
    const res = await put(coach, `/api/athletes/${athlete.athleteId}/physiology`, {
      hrMaxBpm: 150,
      ftpW: 400,
    });
    expect(res.status).toBe(403);
    const { rows } = await w.deps.db.query('select physiology_entered from athlete where id = $1', [
      athlete.athleteId,
    ]);
    expect(rows[0].physiology_entered ?? {}).not.toHaveProperty('hrMaxBpm');
  });

  it('when the athlete grants "adjust my training settings", then the coach may change them and every change is in the audit the athlete reads; withdrawing stops it', async () => {
    const { athlete, coach } = await coachedAthlete();
    const grant = await put(athlete, `/api/me/coaches/${coach.userId}/scopes`, { adjustTraining: true });
    expect(grant.body.scopes).toEqual(['see', 'adjust-training']);
    expect(
      (await put(coach, `/api/athletes/${athlete.athleteId}/physiology`, { hrMaxBpm: 188 })).status,
    ).toBe(200);
    const audit = await request(w.app).get('/api/me/coach-changes').set('Cookie', athlete.cookie);
    expect(audit.body.changes.map((c: { action: string }) => c.action)).toEqual([
      'physiology-changed',
      'scope-granted',
    ]);
    expect(audit.body.changes[0]).toMatchObject({
      coachUserId: coach.userId,
      actor: 'coach',
      detail: { values: { hrMaxBpm: 188 } },
    });
    await put(athlete, `/api/me/coaches/${coach.userId}/scopes`, { adjustTraining: false });
    expect(
      (await put(coach, `/api/athletes/${athlete.athleteId}/physiology`, { hrMaxBpm: 150 })).status,
    ).toBe(403);
    // The coach cannot grant themselves the scope, nor read the audit.
    expect(
      (await put(coach, `/api/me/coaches/${coach.userId}/scopes`, { adjustTraining: true })).status,
    ).toBe(403);
    expect((await request(w.app).get('/api/me/coach-changes').set('Cookie', coach.cookie)).status).toBe(403);
  });
});

describe('ASVS-15.9 revoked coach still gets queued emails', () => {
  it('when the athlete revokes a coach, then the coach emails about them still in the outbox are cancelled and never sent', async () => {
    const { athlete, coach } = await coachedAthlete();
    const id = await insertOutboxEmail(w.deps.db, {
      dedupKey: `coach-alert-${athlete.athleteId}-${coach.userId}`,
      kind: 'coach-alert',
      recipient: coach.email,
      subject: 'Scoped needs attention',
      textBody: 'Load spike',
      htmlBody: '<p>Load spike</p>',
      athleteId: athlete.athleteId!,
      userId: coach.userId,
      notBefore: new Date(Date.now() + 3600_000),
      sealedSecrets: null,
    });
    const revoke = await request(w.app)
      .post(`/api/me/coaches/${coach.userId}/revoke`)
      .set('Cookie', athlete.cookie)
      .set('X-CSRF-Token', await csrfFor(w.app, athlete.cookie));
    expect(revoke.status).toBe(204);
    const { rows } = await w.deps.db.query('select status from email_outbox where id = $1', [id]);
    expect(rows[0].status).toBe('cancelled');
    await w.deps.db.query(
      "update email_outbox set next_attempt_at = now() - interval '1 minute' where id = $1",
      [id],
    );
    expect(await deliverOutboxEmail(w.deps, id!)).toBe('skipped');
  });
});

describe('ASVS-15.held authorization matrix', () => {
  it('when a coach without consent or another athlete reads an athlete, then the same 404 as for no athlete', async () => {
    const victim = await athleteActor(w.deps, { firstname: 'Victim' });
    const stranger = await coachActor(w.app, 'Stranger', w.deps);
    const other = await athleteActor(w.deps, { firstname: 'Other' });
    for (const actor of [stranger, other]) {
      for (const path of ['', '/series', '/activities', '/alerts']) {
        const res = await request(w.app)
          .get(`/api/athletes/${victim.athleteId}${path}`)
          .set('Cookie', actor.cookie);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    }
    expect((await request(w.app).get(`/api/athletes/${victim.athleteId}`)).status).toBe(401);
  });
});

describe('ASVS-15.held hostile names', () => {
  it('when a coach signs up with markup or a header-splitting name, then 400 naming the field', async () => {
    const agent = request.agent(w.app);
    const csrf = (await agent.get('/api/session')).body.csrfToken as string;
    for (const displayName of ['<script>alert(1)</script>', 'Eve\r\nBcc: all@example.test']) {
      const res = await agent
        .post('/api/coaches')
        .set('X-CSRF-Token', csrf)
        .send({ email: `eve-${Date.now()}@example.test`, password: 'a fine long passphrase 7', displayName });
      expect(res.status).toBe(400);
    }
  });
});
