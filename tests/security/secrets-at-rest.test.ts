import request from 'supertest';
import { decryptToken, encryptToken, parseKeyring } from '../../services/strava/token-crypto';
import { openEmailSecrets, sealEmailSecrets } from '../../services/notify/outbox-secrets';
import { athleteActor, coachActor, csrfFor } from '../integration/dashboard/support/world';
import { openedOutboxEmails } from '../support/outbox-content';
import { anonymousBrowser, startAttackWorld, type AttackWorld } from './support/attack-world';

let w: AttackWorld;
beforeAll(async () => {
  w = await startAttackWorld();
});
afterAll(async () => {
  await w.close();
});

/** Everything a database dump shows of the outbox rows. */
async function dumpOf(where: string, params: unknown[]): Promise<string> {
  const { rows } = await w.deps.db.query(`select * from email_outbox where ${where}`, params);
  return JSON.stringify(rows);
}

describe('ASVS-15.3 link tokens in plaintext in email_outbox', () => {
  it('when a database dump is read, then a reset email holds no usable token, and the sent email still works', async () => {
    const coach = await coachActor(w.app, 'Dumped', w.deps);
    const b = await anonymousBrowser(w.app);
    await b.agent.post('/api/password-resets').set('X-CSRF-Token', b.csrf).send({ email: coach.email });
    const dump = await dumpOf(`recipient = $1 and kind = 'password-reset'`, [coach.email]);
    expect(dump).toContain('password-reset/confirm#token');
    expect(dump).not.toMatch(/token(=|&#x3D;)[A-Za-z0-9_-]{20,}/);
    const [sent] = await openedOutboxEmails(w.deps, `recipient = $1 and kind = 'password-reset'`, [
      coach.email,
    ]);
    const token = /token=([A-Za-z0-9_-]{20,})/.exec(sent!.textBody)![1]!;
    expect(sent!.htmlBody).toContain(token);
    expect(dump).not.toContain(token);
    const done = await b.agent
      .post('/api/password-resets/complete')
      .set('X-CSRF-Token', b.csrf)
      .send({ token, password: 'recovered passphrase 99' });
    expect(done.status).toBe(200);
  });

  it('when a database dump is read, then an email-confirmation one-tap link holds no usable token', async () => {
    const athlete = await athleteActor(w.deps, { firstname: 'Confirm' });
    const res = await request(w.app)
      .put('/api/me/email')
      .set('Cookie', athlete.cookie)
      .set('X-CSRF-Token', await csrfFor(w.app, athlete.cookie))
      .send({ address: 'confirm-me@example.test' });
    expect(res.status).toBeLessThan(300);
    const dump = await dumpOf('user_id = $1', [athlete.userId]);
    expect(dump).toContain('/email/confirm?t');
    expect(dump).not.toMatch(/\/email\/confirm\?t(=|&#x3D;)[A-Za-z0-9_-]{20,}/);
    const [sent] = await openedOutboxEmails(w.deps, 'user_id = $1', [athlete.userId]);
    expect(sent!.textBody).toMatch(/\/email\/confirm\?t=[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{43}/);
  });

  it('when a sealed row is moved to another email (dedup key), then it cannot be opened', () => {
    const keys = w.deps.config.tokenEncryptionKeys;
    const sealed = sealEmailSecrets(keys, 'rpe-a', {
      subject: 's',
      textBody: 'Rate: http://x/email/rpe?t=abcdefghijklmnopqrstuvwxyz.0123',
      htmlBody: '<a href="http://x/email/unsubscribe?t&#x3D;abcdefghijklmnopqrstuvwxyz.9999">u</a>',
      headers: { 'List-Unsubscribe': '<http://x/email/unsubscribe?t=abcdefghijklmnopqrstuvwxyz.9999>' },
    });
    expect(JSON.stringify(sealed)).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(openEmailSecrets(keys, { ...sealed, dedupKey: 'rpe-a' }).headers['List-Unsubscribe']).toContain(
      'abcdefghijklmnopqrstuvwxyz.9999',
    );
    expect(() => openEmailSecrets(keys, { ...sealed, dedupKey: 'rpe-b' })).toThrow();
  });
});

describe('ASVS-15.held Strava token encryption', () => {
  it('when a token ciphertext is read or moved to another athlete, then it shows nothing and does not decrypt', () => {
    const keyring = parseKeyring(w.deps.config.tokenEncryptionKeys);
    const slot = { athleteId: '00000000-0000-4000-8000-000000000001', column: 'access_token' as const };
    const envelope = encryptToken(keyring, 'strava-access-token-secret', slot);
    expect(envelope.toString('latin1')).not.toContain('strava-access-token-secret');
    expect(decryptToken(keyring, envelope, slot)).toBe('strava-access-token-secret');
    expect(() =>
      decryptToken(keyring, envelope, { ...slot, athleteId: '00000000-0000-4000-8000-000000000002' }),
    ).toThrow();
  });
});

describe('ASVS-15.held OAuth state', () => {
  it('when a callback arrives with a forged state (login CSRF), then it is refused and nobody is signed in', async () => {
    const agent = request.agent(w.app);
    await agent.get('/auth/strava');
    const res = await agent
      .get('/auth/strava/callback?state=forged-state-value&code=attacker-code')
      .set('Accept', 'application/json');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await agent.get('/api/session')).body.user).toBeNull();
  });
});
