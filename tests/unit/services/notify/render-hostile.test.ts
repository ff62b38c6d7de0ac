import fc from 'fast-check';
import Handlebars from 'handlebars';
import {
  renderAlertEmail,
  renderCoachAlertEmail,
  renderDigestEmail,
  sanitizeInlineText,
  type RenderedEmail,
} from '../../../../services/notify/render';
import { ratingUrls, sampleRecommendation, UNSUBSCRIBE_URL } from './fixtures';

/** Strings built from attack fragments and arbitrary unicode (CRLF, NUL, U+2028, RTL, quotes, markup). */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '"><svg onload=alert(1)>',
        "' onmouseover='x",
        '\r\nBcc: evil@example.com\r\n',
        '\n',
        '\u2028',
        '\u0000',
        '\u202Egnp.exe',
        '`=&amp;',
        '{{constructor}}',
        'مرحبا',
        '🏃‍♀️',
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** Tags the templates themselves emit; anything else in the HTML came from data and was not escaped. */
const TEMPLATE_TAGS = new Set(
  '!doctype html head meta title body div p h2 h3 table tr td strong ul li a hr br blockquote'.split(' '),
);

function expectSafe(email: RenderedEmail, userStrings: string[]): void {
  // eslint-disable-next-line no-control-regex -- asserting control characters are absent
  expect(email.subject).not.toMatch(/[\r\n\u0000-\u001F\u007F-\u009F\u2028\u2029]/);
  expect(Array.from(email.subject).length).toBeLessThanOrEqual(120);
  for (const match of email.html.matchAll(/<\/?([!a-zA-Z][a-zA-Z0-9]*)/g)) {
    expect(TEMPLATE_TAGS.has(match[1]!.toLowerCase())).toBe(true);
  }
  expect(email.html).not.toMatch(/<script|\son[a-z]+\s*=/i);
  // eslint-disable-next-line no-control-regex -- asserting control characters are absent
  expect(email.text).not.toMatch(/[\r\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/);
  for (const raw of userStrings) {
    const clean = sanitizeInlineText(raw, 10_000);
    if (clean && Array.from(clean).length <= 80) {
      expect(email.text).toContain(clean);
      expect(email.html).toContain(Handlebars.Utils.escapeExpression(clean));
    }
  }
}

const recommendation = sampleRecommendation();

describe('rendering hostile names and titles', () => {
  it('when the athlete name and activity title are hostile, then the alert e-mail escapes and strips them', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, title) => {
        const email = renderAlertEmail({
          recipientName: name,
          recommendation,
          activities: [{ title, localDate: '2026-05-10' }],
          rating: { activityTitle: title, urls: ratingUrls },
          unsubscribeUrl: UNSUBSCRIBE_URL,
        });
        expectSafe(email, [name, title]);
      }),
      { numRuns: 300 },
    );
  });

  it('when a coach and athlete name are hostile, then the subject stays one clean line and the HTML is escaped', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (coachName, athleteName, title) => {
        const email = renderCoachAlertEmail({
          coachName,
          athleteName,
          recommendation,
          activities: [{ title, localDate: '2026-05-10' }],
          athleteUrl: 'https://k.example/athletes/ath-1',
          unsubscribeUrl: UNSUBSCRIBE_URL,
        });
        expectSafe(email, [coachName, athleteName, title]);
      }),
      { numRuns: 300 },
    );
  });

  it('when digest titles are hostile, then every item is escaped', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { minLength: 1, maxLength: 3 }), (name, titles) => {
        const items = titles.map((title) => ({
          recommendation,
          activities: [{ title, localDate: '2026-05-10' }],
          rating: null,
        }));
        const email = renderDigestEmail({
          recipientName: name,
          localDate: '2026-05-12',
          items,
          unsubscribeUrl: UNSUBSCRIBE_URL,
        });
        expectSafe(email, [name, ...titles]);
      }),
      { numRuns: 200 },
    );
  });
});
