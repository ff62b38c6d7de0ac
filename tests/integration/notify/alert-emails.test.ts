import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { relayDueEmails } from '../../../services/notify/outbox-relay';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { queuedJobData } from '../../support/queued-jobs';
import {
  alertStatuses,
  decide,
  evaluation,
  insertActivity,
  insertAthlete,
  insertCoach,
  rawHeader,
} from './fixtures';

const DAY = '2026-05-12';
let deps: TestDeps;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  deps = await createTestDeps({ SMTP_URL: sink.url, PUBLIC_URL: 'https://kneadwise.example' });
});
afterAll(async () => {
  await deps.close();
  await sink.stop();
});

/** Relative path + query of an absolute link in the email, to follow it against the app. */
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** What a browser does to an href attribute before following it. */
const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

describe('alert emails', () => {
  it('when an alert holds for a confirmed athlete, then one email arrives with both parts, RFC 8058 headers and working links', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, {
      name: 'Downhill <b>repeats</b>',
      localDate: DAY,
    });
    const result = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId }),
    );
    expect(result.emails).toHaveLength(1);
    await relayDueEmails(deps);

    const mails = sink.messages.filter((m) => m.envelopeTo.includes(athlete.email!));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(rawHeader(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(https:\/\/kneadwise\.example\/email\/unsubscribe\?t=[^>]+)>$/.exec(
      rawHeader(mail.raw, 'List-Unsubscribe') ?? '',
    );
    expect(unsubscribe).not.toBeNull();
    expect(mail.parsed.messageId).toBe(`<outbox-${result.emails[0]!.id}@kneadwise.example>`);
    expect(rawHeader(mail.raw, 'X-Kneadwise-Key')).toMatch(/^alert-/);
    expect(mail.parsed.text).toContain('Downhill <b>repeats</b>');
    expect(mail.parsed.html).toContain('Downhill &lt;b&gt;repeats&lt;/b&gt;');
    expect(await alertStatuses(deps, athlete.athleteId)).toEqual({ 'area-strain|quads': 'sent' });

    const links = [
      ...new Set(
        [...(mail.parsed.html as string).matchAll(/href="([^"]+)"/g)].map((m) => decodeEntities(m[1]!)),
      ),
    ];
    const ours = links.filter((l) => l.startsWith('https://kneadwise.example/'));
    const rpeLinks = ours.filter((l) => l.includes('/email/rpe?'));
    expect(rpeLinks).toHaveLength(10);
    const app = buildApp(deps);
    for (const link of ours) {
      const res = await request(app).get(pathOf(link));
      expect([link, res.status]).toEqual([link, 200]);
    }
    for (const link of links.filter((l) => !l.startsWith('https://kneadwise.example/')))
      expect(link).toMatch(/^https:\/\//);
    // Following every link changed nothing: GET never acts.
    const { rows: before } = await deps.db.query('select rpe from activity where id = $1', [activityId]);
    expect(before[0].rpe).toBeNull();

    const seven = rpeLinks[6]!;
    const token = new URL(seven).searchParams.get('t')!;
    const saved = await request(app).post('/email/rpe').type('form').send({ t: token });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('7 out of 10');
    const { rows: after } = await deps.db.query('select rpe, inputs_version from activity where id = $1', [
      activityId,
    ]);
    expect(after[0].rpe).toBe(7);
    // The new RPE bumps the activity's inputs version, so the queued recompute finds its metric stale.
    expect(after[0].inputs_version).toBe(2);
    expect(await queuedJobData(deps, 'compute', 'recompute-athlete')).toContainEqual({
      athleteId: athlete.athleteId,
      fromDate: DAY,
      recomputeActivities: false,
    });

    const oneClick = await request(app)
      .post(pathOf(unsubscribe![1]!))
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    const { rows: prefs } = await deps.db.query('select notification_prefs from athlete where id = $1', [
      athlete.athleteId,
    ]);
    expect(prefs[0].notification_prefs.enabled).toBe(false);
  });

  it('when the athlete has no confirmed address, then nothing is queued and the alert says why', async () => {
    const athlete = await insertAthlete(deps, { confirmed: false });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    const result = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId }),
    );
    expect(result.emails).toEqual([]);
    const { rows } = await deps.db.query('select status, status_reason from alert where athlete_id = $1', [
      athlete.athleteId,
    ]);
    expect(rows).toEqual([{ status: 'suppressed', status_reason: 'No confirmed email address yet.' }]);
    const { rows: outbox } = await deps.db.query('select 1 from email_outbox where athlete_id = $1', [
      athlete.athleteId,
    ]);
    expect(outbox).toHaveLength(0);
  });

  it('when the same evaluation is applied again, then no second alert row or email is created', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    const ev = evaluation(athlete.athleteId, { localDate: DAY, activityId });
    await decide(deps, athlete.athleteId, ev);
    const again = await decide(deps, athlete.athleteId, ev);
    expect(again).toEqual({ newAlertIds: [], cancelledAlertIds: [], emails: [] });
    const { rows } = await deps.db.query(
      'select count(*)::int as n from email_outbox where athlete_id = $1',
      [athlete.athleteId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('when the rule stops holding before the email is sent, then the alert and its email are cancelled and nothing is mailed', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    await decide(deps, athlete.athleteId, evaluation(athlete.athleteId, { localDate: DAY, activityId }));
    // The activity was deleted or re-typed: the recompute finds no alert any more.
    const gone = await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId, quadsRatio: 1 }),
    );
    expect(gone.cancelledAlertIds).toHaveLength(1);
    const { rows } = await deps.db.query('select status from email_outbox where athlete_id = $1', [
      athlete.athleteId,
    ]);
    expect(rows).toEqual([{ status: 'cancelled' }]);
    expect(await alertStatuses(deps, athlete.athleteId)).toEqual({ 'area-strain|quads': 'cancelled' });
    await relayDueEmails(deps);
    expect(sink.messages.filter((m) => m.envelopeTo.includes(athlete.email!))).toHaveLength(0);
  });

  it('when one of two pending alerts stops holding, then the open email is re-rendered without it and still sent once', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId, calvesRatio: 2 }),
    );
    const { rows: first } = await deps.db.query('select text_body from email_outbox where athlete_id = $1', [
      athlete.athleteId,
    ]);
    expect(first[0].text_body).toContain('calves');
    await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId, calvesRatio: 1 }),
    );
    await relayDueEmails(deps);
    const mails = sink.messages.filter((m) => m.envelopeTo.includes(athlete.email!));
    expect(mails).toHaveLength(1);
    expect(await alertStatuses(deps, athlete.athleteId)).toEqual({
      'area-strain|quads': 'sent',
      'area-strain|calves': 'cancelled',
    });
  });

  it('when a consenting coach opted in, then they get a copy; a coach without opt-in or with revoked consent does not', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    const optedIn = await insertCoach(deps, athlete.athleteId, { optIn: true });
    const notOptedIn = await insertCoach(deps, athlete.athleteId, { optIn: false });
    const revoked = await insertCoach(deps, athlete.athleteId, { optIn: true, revoked: true });
    await decide(deps, athlete.athleteId, evaluation(athlete.athleteId, { localDate: DAY, activityId }));
    await relayDueEmails(deps);
    const to = (address: string) => sink.messages.filter((m) => m.envelopeTo.includes(address));
    expect(to(optedIn.email)).toHaveLength(1);
    expect(rawHeader(to(optedIn.email)[0]!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(to(notOptedIn.email)).toHaveLength(0);
    expect(to(revoked.email)).toHaveLength(0);
  });

  it('when the athlete is injured, then the email pauses massage suggestions and advises a clinician', async () => {
    const athlete = await insertAthlete(deps);
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: DAY });
    await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: DAY, activityId, injured: true }),
    );
    await relayDueEmails(deps);
    const mail = sink.messages.find((m) => m.envelopeTo.includes(athlete.email!))!;
    expect(mail.parsed.subject).toMatch(/paused/i);
    expect(mail.parsed.text).toMatch(/clinician|doctor|physio/i);
  });
});
