import type { Server } from 'node:http';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildApp } from '../../services/api/app';
import { athleteUnsubscribeUrl } from '../../services/notify/alert-email';
import { relayDueEmails } from '../../services/notify/outbox-relay';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../support/test-deps';
import {
  decide,
  evaluation,
  insertActivity,
  insertAthlete,
  insertCoach,
} from '../integration/notify/fixtures';
import { sessionFor } from '../integration/dashboard/support/world';
import { seedHistory, utcToday } from '../integration/dashboard/support/seed';
import { close, freePort, launchChromium, listen, screenshot, watchPage } from './support/browser';

// Issue 17, "Broken (fix first)": each item as a person meets it, in Chromium.
let deps: TestDeps;
let server: Server;
let browser: Browser;
let base: string;
let sink: SmtpSink;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  sink = await startSmtpSink();
  deps = await createTestDeps({ PUBLIC_URL: base, SMTP_URL: sink.url });
  server = await listen(buildApp(deps), port);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (server) await close(server);
  await deps?.close();
  await sink?.stop();
});

async function contextAs(cookie: string | null, width = 1280): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  if (cookie) {
    const [name, value] = cookie.split('=');
    await ctx.addCookies([{ name: name!, value: value!, url: base }]);
  }
  return ctx;
}

describe('issue 17: broken items in the browser', () => {
  it('when a coach follows the "Open ... on your dashboard" link of an alert copy, then the athlete page answers 200', async () => {
    const athlete = await insertAthlete(deps, { firstname: 'Aiko' });
    const coach = await insertCoach(deps, athlete.athleteId, { optIn: true, name: 'Casey Coach' });
    const activityId = await insertActivity(deps, athlete.athleteId, { localDate: '2026-05-12' });
    await decide(
      deps,
      athlete.athleteId,
      evaluation(athlete.athleteId, { localDate: '2026-05-12', activityId }),
    );
    await relayDueEmails(deps);
    const mail = sink.messages.find((m) => m.envelopeTo.includes(coach.email));
    expect(mail?.parsed.subject).toContain('Aiko Runner');
    const link = /Open Aiko Runner on your dashboard: (\S+)/.exec(mail?.parsed.text ?? '')?.[1];
    expect(link).toBe(`${base}/athletes/${athlete.athleteId}`);

    const session = await sessionFor(deps, { userId: coach.userId, role: 'coach' });
    const ctx = await contextAs(session.cookie);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    const res = await page.goto(link!);
    expect(res?.status()).toBe(200);
    await page.locator('body[data-ready="true"]').waitFor();
    await expect(page.locator('#athlete-name').textContent()).resolves.toBe('Aiko Runner');
    expect(watch.problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('when the reset link is invalid, then no form shows and nothing can be submitted; the form posts, never GETs', async () => {
    const ctx = await contextAs(null, 390);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const url = `${base}/password-reset/confirm#token=not-a-real-token`;
    await page.goto(url);
    await page.getByText('This reset link is not valid').waitFor();
    await screenshot(page, 'i17-reset-invalid');
    const form = page.locator('#confirm-form');
    expect(await form.isVisible()).toBe(false);
    expect(await form.getAttribute('method')).toBe('post');
    // Even a script-less submit (Enter in the field) must not reach a URL with the password in it.
    await form.evaluate((f: HTMLFormElement) => {
      (f.elements.namedItem('password') as HTMLInputElement).value = 'typed secret password';
      f.requestSubmit();
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(url);
    expect(requested.filter((u) => u.includes('typed'))).toEqual([]);
    expect(watch.problems).toEqual([]);
    await ctx.close();
  }, 30_000);

  it('when an athlete unsubscribes, then the page points to the real switch, and it shows "Emails are off" with a way back on', async () => {
    const athlete = await insertAthlete(deps);
    const link = athleteUnsubscribeUrl(
      { publicUrl: base, sessionSecret: deps.config.sessionSecret },
      athlete.athleteId,
      deps.clock(),
    );
    const session = await sessionFor(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const ctx = await contextAs(session.cookie, 390);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    await page.goto(link);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByText('You are unsubscribed').waitFor();
    await page.getByText('"Alert emails" switch').waitFor();
    await screenshot(page, 'i17-unsubscribed');
    await page.getByRole('link', { name: 'Open your email settings' }).click();
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#email-state', { hasText: 'Emails are off.' }).waitFor();
    await page.getByText(`Alert emails are off: nothing is sent to ${athlete.email}.`).waitFor();
    await page.getByRole('button', { name: 'Turn alert emails on' }).click();
    await page.locator('#email-state', { hasText: 'Emails are on' }).waitFor();
    const { rows } = await deps.db.query<{ p: { enabled: boolean } }>(
      'select notification_prefs as p from athlete where id = $1',
      [athlete.athleteId],
    );
    expect(rows[0]!.p.enabled).toBe(true);
    expect(watch.problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('when an athlete saves physiology, then "Saved" shows with no error and the form is cleared', async () => {
    const athlete = await insertAthlete(deps);
    const session = await sessionFor(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const ctx = await contextAs(session.cookie);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    await page.goto(`${base}/me`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#physiology-edit summary').click();
    const form = page.locator('#physiology-form');
    await form.getByLabel('FTP (W)').fill('250');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('.status').filter({ hasText: /\S/ }).waitFor();
    expect(await form.locator('.error').textContent()).toBe('');
    await expect(form.getByLabel('FTP (W)').inputValue()).resolves.toBe('');
    expect(watch.problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it("when today's load is above today's range, then the row says so, with one labelled convention that adds up", async () => {
    const athlete = await insertAthlete(deps);
    const days = 90;
    await seedHistory(deps.db, athlete.athleteId, {
      endDate: utcToday(),
      days,
      loadOf: (i) => (i === days - 1 ? 900 : 60),
    });
    const session = await sessionFor(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const ctx = await contextAs(session.cookie, 390);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    await page.goto(`${base}/me`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByText('as you start today').waitFor();
    const range = (await page.locator('#load-range').textContent()) ?? '';
    expect(range).toMatch(/over today's range by \d+/);
    expect(range).not.toContain('about 0 more today');
    const value = async (label: string) =>
      Number(
        await page
          .locator('#today .card', { has: page.getByText(label, { exact: true }) })
          .locator('.value')
          .textContent(),
      );
    const [fitness, fatigue, form] = [await value('Fitness'), await value('Fatigue'), await value('Form')];
    expect(Math.abs(fitness - fatigue - form)).toBeLessThanOrEqual(0.11);
    await screenshot(page, 'i17-today-over-range-390');
    expect(watch.problems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it("when a Brisbane athlete rides early in the morning, then a coach in Los Angeles sees the ride on the athlete's own day", async () => {
    const athlete = await insertAthlete(deps, { firstname: 'Bris', timeZone: 'Australia/Brisbane' });
    const coach = await insertCoach(deps, athlete.athleteId, { optIn: false });
    // 07:30 on 12 May in Brisbane is 21:30 UTC on 11 May, and 14:30 on 11 May in Los Angeles.
    await deps.db.query(
      `insert into activity (id, athlete_id, name, sport_type, start_date, start_date_local, local_date, moving_time_s)
       values ($1, $2, 'Dawn ride', 'Ride', '2026-05-11T21:30:00Z', '2026-05-12T07:30:00', '2026-05-12', 3600)`,
      [String(8_100_000_000 + Math.floor(Math.random() * 1_000_000)), athlete.athleteId],
    );
    const session = await sessionFor(deps, { userId: coach.userId, role: 'coach' });
    const ctx = await browser.newContext({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    const [name, value] = session.cookie.split('=');
    await ctx.addCookies([{ name: name!, value: value!, url: base }]);
    const page = await ctx.newPage();
    await page.goto(`${base}/coach`);
    const row = page.locator('#overview tbody tr', { hasText: 'Dawn ride' });
    await row.waitFor();
    expect(await row.textContent()).toContain('May 12, 2026');
    await ctx.close();
  }, 60_000);
});
