import fc from 'fast-check';
import { relayDueEmails } from '../../../services/notify/outbox-relay';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { decide, evaluation, insertActivity, insertAthlete, insertCoach } from './fixtures';

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

// No NUL: PostgreSQL text cannot hold it, so it never reaches the notifier from the database.
const NASTY = [
  '\r\n',
  '\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u0001\u001b[31m',
  'Bcc: victim@evil.test',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><a href="javascript:x">',
  '\u202E',
  '{{constructor}}',
  '=?utf-8?b?QmNjOg==?=',
];
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(...NASTY),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join('').replaceAll(String.fromCharCode(0), ''));

/** Header names, in order, of a raw message (unfolded). */
function headerNames(raw: string): string[] {
  const head = (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
}

async function mailFor(firstname: string, title: string) {
  const athlete = await insertAthlete(deps, { firstname });
  const coach = await insertCoach(deps, athlete.athleteId, { optIn: true, name: firstname });
  const activityId = await insertActivity(deps, athlete.athleteId, { name: title, localDate: '2026-05-12' });
  await decide(
    deps,
    athlete.athleteId,
    evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId }),
  );
  await relayDueEmails(deps);
  const find = (to: string) => sink.messages.find((m) => m.envelopeTo.includes(to));
  return { athlete: find(athlete.email!), coach: find(coach.email) };
}

describe('hostile names and titles', () => {
  it('when names and activity titles carry CR/LF, header text or markup, then headers are unchanged and the HTML stays escaped', async () => {
    const baseline = await mailFor('Ana', 'Morning run');
    const baseNames = headerNames(baseline.athlete!.raw).sort();
    const coachNames = headerNames(baseline.coach!.raw).sort();
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (firstname, title) => {
        const mails = await mailFor(firstname, title);
        for (const [mail, names] of [
          [mails.athlete, baseNames],
          [mails.coach, coachNames],
        ] as const) {
          expect(mail).toBeDefined();
          expect(headerNames(mail!.raw).sort()).toEqual(names);
          expect(mail!.parsed.headers.has('bcc')).toBe(false);
          expect(mail!.envelopeTo).toHaveLength(1);
          const html = String(mail!.parsed.html);
          expect(html).not.toMatch(/<script/i);
          expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
          expect(html).not.toMatch(/href="javascript:/i);
          expect(mail!.parsed.text).toBeTruthy();
        }
      }),
      { numRuns: 25 },
    );
  }, 90_000);

  it("when one athlete's data breaks rendering, then other athletes' alerts are still mailed", async () => {
    const broken = await insertAthlete(deps);
    const fine = await insertAthlete(deps);
    const brokenActivity = await insertActivity(deps, broken.athleteId, { localDate: '2026-05-12' });
    const fineActivity = await insertActivity(deps, fine.athleteId, { localDate: '2026-05-12' });
    const ev = evaluation(broken.athleteId, { localDate: '2026-05-12', activityId: brokenActivity });
    // A recommendation with a bad date makes the renderer throw; the recompute must survive it.
    const bad = {
      ...ev,
      recommendation: {
        ...ev.recommendation,
        suggestion: ev.recommendation.suggestion && {
          ...ev.recommendation.suggestion,
          durationMin: undefined as never,
        },
      },
    };
    const result = await decide(deps, broken.athleteId, bad);
    await decide(
      deps,
      fine.athleteId,
      evaluation(fine.athleteId, { localDate: '2026-05-12', activityId: fineActivity }),
    );
    await relayDueEmails(deps);
    expect(result.emails).toEqual([]);
    const { rows } = await deps.db.query('select status, status_reason from alert where athlete_id = $1', [
      broken.athleteId,
    ]);
    expect(rows).toEqual([{ status: 'suppressed', status_reason: 'The email could not be prepared.' }]);
    expect(sink.messages.filter((m) => m.envelopeTo.includes(fine.email!))).toHaveLength(1);
    expect(deps.logText()).toContain('alert email could not be built');
  });
});
