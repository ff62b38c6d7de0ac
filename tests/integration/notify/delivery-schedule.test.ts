import { relayDueEmails } from '../../../services/notify/outbox-relay';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { decide, evaluation, insertActivity, insertAthlete } from './fixtures';

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
});
