import * as accountTemplates from '../../../../services/notify/render/templates/account';
import * as alertTemplates from '../../../../services/notify/render/templates/alert';
import * as partials from '../../../../services/notify/render/templates/partials';
import {
  renderAlertEmail,
  renderCoachAlertEmail,
  renderConfirmationEmail,
  renderDigestEmail,
  renderPasswordResetEmail,
} from '../../../../services/notify/render';
import { ratingUrls, sampleRecommendation, UNSUBSCRIBE_URL } from './fixtures';

const activity = { title: 'Sunday trail 1,100 m down', localDate: '2026-05-10' };
const alertInput = {
  recipientName: 'Ana',
  recommendation: sampleRecommendation(),
  activities: [activity],
  rating: { activityTitle: activity.title, urls: ratingUrls },
  unsubscribeUrl: UNSUBSCRIBE_URL,
};

describe('renderAlertEmail', () => {
  const email = renderAlertEmail(alertInput);

  it('when rendered, then the subject carries the headline', () => {
    expect(email.subject).toBe(
      "Recovery suggestion: Sports massage for your quads, 24–72 h after Sunday's 1,100 m descent",
    );
  });

  it('when rendered, then both parts hold the reasons, the 10 rating links, the unsubscribe link and "Data from Strava"', () => {
    for (const part of [email.text, email.html]) {
      expect(part).toContain('How hard was it?');
      expect(part).toContain('Data from Strava');
      expect(part).toContain('2.1 times their usual load');
      expect(part).toContain('licensed massage therapist who works with athletes');
    }
    expect(email.text).toContain(`Unsubscribe: ${UNSUBSCRIBE_URL}`);
    expect(email.html).toContain('<a href="https://k.example/u/tok-123">Unsubscribe</a>');
    ratingUrls.forEach((url, i) => expect(email.text).toContain(`${i + 1}: ${url}`));
    expect(email.html.match(/href="https:\/\/k\.example\/rate\//g)).toHaveLength(10);
  });

  it('when the athlete is injured, then the subject says suggestions are paused', () => {
    const paused = renderAlertEmail({
      ...alertInput,
      recommendation: sampleRecommendation({ health: { injured: true, ill: false } }),
      rating: null,
    });
    expect(paused.subject).toBe('Kneadwise: massage suggestions paused');
    expect(paused.text).toContain('see a clinician');
    expect(paused.text).not.toContain('How hard was it?');
  });

  it.each([
    ['a javascript: unsubscribe link', { unsubscribeUrl: 'javascript:alert(1)' }],
    ['9 rating links', { rating: { activityTitle: 'x', urls: ratingUrls.slice(0, 9) } }],
    [
      'a data: rating link',
      { rating: { activityTitle: 'x', urls: [...ratingUrls.slice(0, 9), 'data:text/html,x'] } },
    ],
  ])('when given %s, then it throws', (_what, override) => {
    expect(() => renderAlertEmail({ ...alertInput, ...override })).toThrow();
  });
});

describe('renderDigestEmail', () => {
  it('when two recommendations are due, then one e-mail holds both and counts them in the subject', () => {
    const items = [
      { recommendation: sampleRecommendation(), activities: [activity], rating: null },
      {
        recommendation: sampleRecommendation({ races: [{ localDate: '2026-05-14', priority: 'A' }] }),
        activities: [],
        rating: null,
      },
    ];
    const email = renderDigestEmail({
      recipientName: 'Ana',
      localDate: '2026-05-12',
      items,
      unsubscribeUrl: UNSUBSCRIBE_URL,
    });
    expect(email.subject).toBe('Your recovery digest for Tuesday 12 May: 2 suggestions');
    expect(email.text).toContain('== 2 of 2 ==');
    expect(email.html).toContain('Short, light Swedish massage for your quads');
    expect(email.html).toContain('Data from Strava');
  });

  it('when there is nothing to send, then it throws', () => {
    expect(() =>
      renderDigestEmail({
        recipientName: 'A',
        localDate: '2026-05-12',
        items: [],
        unsubscribeUrl: UNSUBSCRIBE_URL,
      }),
    ).toThrow();
  });
});

describe('renderCoachAlertEmail', () => {
  it('when a coach is told about an athlete, then the subject names the athlete and the dashboard link is present', () => {
    const email = renderCoachAlertEmail({
      coachName: 'Coach Kim',
      athleteName: 'Ana',
      recommendation: sampleRecommendation(),
      activities: [activity],
      athleteUrl: 'https://k.example/athletes/ath-1',
      unsubscribeUrl: UNSUBSCRIBE_URL,
    });
    expect(email.subject).toBe('Kneadwise: recovery suggestion for Ana');
    expect(email.html).toContain(
      '<a href="https://k.example/athletes/ath-1">Open Ana on your dashboard</a>',
    );
    expect(email.text).toContain('Here is what they received');
    expect(email.text).toContain('Data from Strava');
  });
});

describe('account e-mails', () => {
  it('when confirming an address, then the double opt-in link is in both parts and there is no Strava line', () => {
    const email = renderConfirmationEmail({
      recipientName: null,
      confirmUrl: 'https://k.example/confirm?t=1',
      expiresInH: 48,
    });
    expect(email.subject).toBe('Confirm your e-mail address for Kneadwise');
    expect(email.text).toContain('https://k.example/confirm?t=1');
    expect(email.html).toContain('href="https://k.example/confirm?t&#x3D;1"');
    expect(email.text).toContain('Hi there,');
    expect(email.html).not.toContain('Strava');
  });

  it('when resetting a password, then the link and its expiry are shown', () => {
    const email = renderPasswordResetEmail({
      recipientName: 'Ana',
      resetUrl: 'https://k.example/reset/x',
      expiresInMin: 30,
    });
    expect(email.subject).toBe('Reset your Kneadwise password');
    expect(email.text).toContain('Choose a new password: https://k.example/reset/x');
    expect(email.text).toContain('for 30 minutes');
  });

  it('when the expiry is not a positive whole number, then it throws', () => {
    expect(() =>
      renderPasswordResetEmail({ recipientName: 'A', resetUrl: 'https://k.example/r', expiresInMin: 0 }),
    ).toThrow();
  });
});

describe('templates', () => {
  it('when any template is read, then it never uses the unescaped triple-stash', () => {
    const sources = [
      ...Object.values(accountTemplates),
      ...Object.values(alertTemplates),
      ...Object.values(partials),
    ];
    expect(sources.length).toBeGreaterThan(15);
    for (const source of sources) expect(source).not.toContain('{{{');
  });
});
