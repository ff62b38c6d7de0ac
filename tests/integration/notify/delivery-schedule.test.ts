import { relayDueEmails } from '../../../services/notify/outbox-relay';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { decide, evaluation, insertActivity, insertAthlete, insertCoach } from './fixtures';

let deps: TestDeps;
let sink: SmtpSink;
let nowMs = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  deps = await createTestDeps({ SMTP_URL: sink.url });
  deps.clock = () => nowMs;
});
afterAll(async () => {
  await deps.close();
  await sink.stop();
});

const mailsTo = (address: string) => sink.messages.filter((m) => m.envelopeTo.includes(address));
const at = (iso: string) => (nowMs = Date.parse(iso));

describe('when alert emails go out', () => {
  it('when an alert arrives in quiet hours (athlete time zone), then the email waits for their end and one email is sent then', async () => {
    at('2026-05-12T20:30:00Z'); // 22:30 in Berlin (UTC+2)
    const athlete = await insertAthlete(deps, {
      timeZone: 'Europe/Berlin',
      prefs: { quietHours: { start: '22:00', end: '07:00' }, maxOnePerHours: 0 },
    });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    const { emails } = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId }),
    );
    expect(new Date(emails[0]!.notBeforeMs).toISOString()).toBe('2026-05-13T05:00:00.000Z');
    await relayDueEmails(deps);
    expect(mailsTo(athlete.email!)).toHaveLength(0);
    // A second alert during the night joins the same email instead of making another.
    at('2026-05-12T23:00:00Z');
    await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId, calvesRatio: 2 }),
    );
    at('2026-05-13T05:00:00Z');
    await relayDueEmails(deps);
    const mails = mailsTo(athlete.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.text).toContain('calves');
  });

  it('when the daily digest is on, then alerts of the day wait for the digest hour and go out as one digest', async () => {
    at('2026-05-12T09:00:00Z');
    const athlete = await insertAthlete(deps, {
      timeZone: 'America/New_York',
      prefs: { digest: { enabled: true, hourLocal: 18 }, quietHours: null },
    });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    const { emails } = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId }),
    );
    expect(new Date(emails[0]!.notBeforeMs).toISOString()).toBe('2026-05-12T22:00:00.000Z'); // 18:00 EDT
    at('2026-05-12T15:00:00Z');
    await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId, calvesRatio: 2 }),
    );
    await relayDueEmails(deps);
    expect(mailsTo(athlete.email!)).toHaveLength(0);
    at('2026-05-12T22:00:00Z');
    await relayDueEmails(deps);
    const mails = mailsTo(athlete.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toMatch(/digest/i);
  });

  it('when alerts come faster than the rate cap, then the next email waits until the cap has passed', async () => {
    at('2026-05-12T08:00:00Z');
    const athlete = await insertAthlete(deps, { prefs: { maxOnePerHours: 12, quietHours: null } });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId }),
    );
    await relayDueEmails(deps);
    expect(mailsTo(athlete.email!)).toHaveLength(1);
    at('2026-05-12T10:00:00Z');
    const later = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId, calvesRatio: 2 }),
    );
    expect(new Date(later.emails[0]!.notBeforeMs).toISOString()).toBe('2026-05-12T20:00:00.000Z');
    await relayDueEmails(deps);
    expect(mailsTo(athlete.email!)).toHaveLength(1);
    at('2026-05-12T20:00:00Z');
    await relayDueEmails(deps);
    expect(mailsTo(athlete.email!)).toHaveLength(2);
  });

  it('when alert emails are turned off, then new alerts are recorded as suppressed and nothing is queued', async () => {
    at('2026-05-12T08:00:00Z');
    const athlete = await insertAthlete(deps, { prefs: { enabled: false } });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    const result = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId }),
    );
    expect(result.emails).toEqual([]);
    const { rows } = await deps.db.query('select status, status_reason from alert where athlete_id = $1', [
      athlete.athleteId,
    ]);
    expect(rows).toEqual([
      { status: 'suppressed', status_reason: 'Alert emails are turned off in the settings.' },
    ]);
  });

  it('when the athlete email is held by the rate cap, then the coach copy waits with it, comes no more often and names the athlete in full', async () => {
    at('2026-05-12T08:00:00Z');
    const athlete = await insertAthlete(deps, {
      firstname: 'Aiko',
      prefs: { maxOnePerHours: 6, quietHours: null },
    });
    const coach = await insertCoach(deps, athlete.athleteId, { optIn: true });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    const ev = (o: { calvesRatio?: number; hardLoadAu?: number } = {}) =>
      decide(
        deps,
        athlete.athleteId,
        evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId, ...o }),
      );
    await ev();
    await relayDueEmails(deps);
    expect(mailsTo(athlete.email!)).toHaveLength(1);
    expect(mailsTo(coach.email)).toHaveLength(1);
    expect(mailsTo(coach.email)[0]!.parsed.subject).toContain('Aiko Runner');
    // Alerts every few minutes (the demo's 11 copies in 33 minutes): the athlete's email waits for the
    // cap, and so does the coach's copy, which must not say "sent" before the athlete got anything.
    for (const [minute, o] of [
      [3, { calvesRatio: 2 }],
      [6, { calvesRatio: 2, hardLoadAu: 400 }],
    ] as const) {
      at(`2026-05-12T08:0${minute}:00Z`);
      const { emails } = await ev(o);
      expect(emails.map((e) => new Date(e.notBeforeMs).toISOString())).toEqual([
        '2026-05-12T14:00:00.000Z',
        '2026-05-12T14:00:00.000Z',
      ]);
      await relayDueEmails(deps);
    }
    expect(mailsTo(athlete.email!)).toHaveLength(1);
    expect(mailsTo(coach.email)).toHaveLength(1);
    at('2026-05-12T14:00:00Z');
    await relayDueEmails(deps);
    expect(mailsTo(athlete.email!)).toHaveLength(2);
    const copies = mailsTo(coach.email);
    expect(copies).toHaveLength(2);
    expect(copies[1]!.parsed.text).toContain('calves');
  });

  it('when the athlete gets no alert email (turned off), then no coach copy claims one was sent', async () => {
    at('2026-05-12T08:00:00Z');
    const athlete = await insertAthlete(deps, { prefs: { enabled: false } });
    const coach = await insertCoach(deps, athlete.athleteId, { optIn: true });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    const result = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId }),
    );
    expect(result.emails).toEqual([]);
    await relayDueEmails(deps);
    expect(mailsTo(coach.email)).toHaveLength(0);
  });
});
