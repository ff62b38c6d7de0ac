import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import {
  LEASE_MS,
  MAX_ATTEMPTS,
  deliverOutboxEmail,
  enqueueOutboxEmails,
  relayDueEmails,
  retryDelayMs,
} from '../../../services/notify/outbox-relay';
import { startWorkers } from '../../../workers/main';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import {
  alertStatuses,
  decide,
  evaluation,
  insertActivity,
  insertAthlete,
  rawHeader,
  sessionCookie,
} from './fixtures';

const DAY = '2026-05-12';
let deps: TestDeps;
let sink: SmtpSink;
let nowMs = Date.parse('2026-05-12T10:00:00Z');

beforeAll(async () => {
  sink = await startSmtpSink();
  deps = await createTestDeps({ SMTP_URL: sink.url });
  deps.clock = () => nowMs;
});
afterAll(async () => {
  await deps.close();
  await sink.stop();
});
afterEach(() => sink.answerNormally());

async function outboxOf(athleteId: string) {
  const { rows } = await deps.db.query(
    `select id::text, status, attempts, last_error, next_attempt_at from email_outbox where athlete_id = $1 order by id`,
    [athleteId],
  );
  return rows;
}

describe('outbox delivery', () => {
  it('when SMTP is down during a storm of duplicate alert decisions, then exactly one email per alert arrives after recovery', async () => {
    const athletes = await Promise.all([1, 2, 3, 4, 5].map(() => insertAthlete(deps)));
    const evaluations = await Promise.all(
      athletes.map(async (a) =>
        evaluation(a.athleteId, {
          localDate: DAY,
          activityId: await insertActivity(deps, a.athleteId, { localDate: DAY }),
          calvesRatio: 2,
        }),
      ),
    );
    await sink.stop();
    // 10 duplicate events per athlete, all at once, while the relay keeps trying.
    const storm = athletes.flatMap((a, i) =>
      Array.from({ length: 10 }, () => decide(deps, a.athleteId, evaluations[i]!)),
    );
    await Promise.all([...storm, relayDueEmails(deps)]);
    for (let round = 0; round < 3; round++) {
      nowMs += retryDelayMs(MAX_ATTEMPTS);
      await relayDueEmails(deps);
    }
    expect(sink.messages).toHaveLength(0);
    await sink.start();
    nowMs += retryDelayMs(MAX_ATTEMPTS);
    await relayDueEmails(deps);

    for (const athlete of athletes) {
      const mails = sink.messages.filter((m) => m.envelopeTo.includes(athlete.email!));
      expect(mails).toHaveLength(1);
      expect(await alertStatuses(deps, athlete.athleteId)).toEqual({
        'area-strain|quads': 'sent',
        'area-strain|calves': 'sent',
      });
      const outbox = await outboxOf(athlete.athleteId);
      expect(outbox.map((r) => r.status)).toEqual(['sent']);
    }
    const keys = sink.messages.map((m) => rawHeader(m.raw, 'X-Kneadwise-Key'));
    expect(keys.every((k) => k?.startsWith('alert-'))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('when the server answers 5xx at DATA, then the email fails after one attempt and its alerts say why', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    const { emails } = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId }),
    );
    sink.answerWith({ stage: 'data', code: 554, message: 'Message rejected as spam' });
    expect(await deliverOutboxEmail(deps, emails[0]!.id)).toBe('failed');
    nowMs += 3_600_000;
    await relayDueEmails(deps);
    const [row] = await outboxOf(athlete.athleteId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('554');
    const { rows } = await deps.db.query('select status, status_reason from alert where athlete_id = $1', [
      athlete.athleteId,
    ]);
    expect(rows[0]).toMatchObject({ status: 'suppressed' });
    expect(rows[0].status_reason).toContain('could not be delivered');
    expect(await deps.metrics.registry.getSingleMetricAsString('kneadwise_emails_total')).toMatch(
      /kind="alert",outcome="failed"\} [1-9]/,
    );
  });

  it('when the server refuses the recipient with 550, then the address is marked undeliverable and the settings say so', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    const { emails } = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId }),
    );
    sink.answerWith({ stage: 'rcpt', code: 550, message: '5.1.1 No such user' });
    expect(await deliverOutboxEmail(deps, emails[0]!.id)).toBe('failed');
    const session = await sessionCookie(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const res = await request(buildApp(deps))
      .get('/api/me/notification-settings')
      .set('Cookie', session.cookie);
    expect(res.status).toBe(200);
    expect(res.body.email).toMatchObject({ address: athlete.email, status: 'undeliverable' });
    expect(res.body.email.statusMessage).toContain('No such user');
    // Later alerts are not queued for the dead address.
    const next = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-13', activityId }),
    );
    expect(next.emails).toEqual([]);
  });

  it('when the server keeps answering 4xx, then the email is retried with growing backoff and fails after the attempt cap', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    const { emails } = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId }),
    );
    sink.answerWith({ stage: 'data', code: 451, message: 'Try again later' });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const outcome = await deliverOutboxEmail(deps, emails[0]!.id);
      const [row] = await outboxOf(athlete.athleteId);
      if (attempt < MAX_ATTEMPTS) {
        expect(outcome).toBe('retry');
        delays.push(new Date(row.next_attempt_at).getTime() - nowMs);
        expect(await deliverOutboxEmail(deps, emails[0]!.id)).toBe('skipped'); // not due yet
        nowMs = new Date(row.next_attempt_at).getTime();
      } else {
        expect(outcome).toBe('failed');
        expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      }
    }
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays[0]).toBeLessThan(delays[delays.length - 1]!);
  });

  it('when the sender dies between the SMTP 250 and the commit, then the lease expires and the email is sent exactly one more time (the documented window)', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    const { emails } = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId }),
    );
    const crash = { afterSmtpAccepted: () => Promise.reject(new Error('simulated crash after 250')) };
    await expect(deliverOutboxEmail(deps, emails[0]!.id, crash)).rejects.toThrow('simulated crash');
    expect(await relayDueEmails(deps)).toMatchObject({ sent: 0 }); // still leased
    nowMs += LEASE_MS + 1000;
    await relayDueEmails(deps);
    const mails = sink.messages.filter((m) => m.envelopeTo.includes(athlete.email!));
    // Counted, not hidden: one injected crash, one duplicate, same Message-ID so mail stores can collapse it.
    expect(mails).toHaveLength(2);
    expect(mails[0]!.parsed.messageId).toBe(mails[1]!.parsed.messageId);
    expect((await outboxOf(athlete.athleteId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    nowMs += LEASE_MS + 1000;
    await relayDueEmails(deps);
    expect(sink.messages.filter((m) => m.envelopeTo.includes(athlete.email!))).toHaveLength(2);
  });

  it('when workers run, then the send-email job queued after commit delivers the email', async () => {
    deps.clock = () => Date.now();
    const workers = await startWorkers(deps, ['notify']);
    try {
      const athlete = await insertAthlete(deps);
      const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
      const { emails } = await decide(
        deps,
        athlete.athleteId,
        evaluation(athlete.athleteId, { localDate: DAY, activityId }),
      );
      await enqueueOutboxEmails(deps, emails);
      expect(await deps.queues.queue('notify').getJob(`mail-${emails[0]!.id}`)).toBeDefined();
      // Wait for the worker (bounded); the assertion is on the outcome, not on how long it took.
      for (let i = 0; i < 200 && (await outboxOf(athlete.athleteId))[0]?.status !== 'sent'; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await outboxOf(athlete.athleteId))[0]).toMatchObject({ status: 'sent', attempts: 1 });
      expect(sink.messages.filter((m) => m.envelopeTo.includes(athlete.email!))).toHaveLength(1);
    } finally {
      await workers.close();
      deps.clock = () => nowMs;
    }
  });
});
