import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { buildApp } from '../../services/api/app';
import { createStravaEmulator, type StravaEmulator } from '../../tools/strava-emulator';
import { relayDueEmails } from '../../services/notify/outbox-relay';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createTestDeps, type TestDeps } from '../support/test-deps';
import { seedHistory, utcToday } from '../integration/dashboard/support/seed';
import { close, freePort, launchChromium, listen, screenshot, watchPage } from './support/browser';

// The real flow in a real browser: a coach signs up and invites; an athlete connects through the Strava
// emulator's OAuth pages and accepts; the coach sees the athlete with a rendered chart and body map.
let deps: TestDeps;
let emulator: StravaEmulator;
let server: Server;
let browser: Browser;
let base: string;
let sink: SmtpSink;

beforeAll(async () => {
  emulator = createStravaEmulator({ seed: 'browser-flow', warmCache: false });
  const emu = await emulator.start(0);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  sink = await startSmtpSink();
  deps = await createTestDeps({ STRAVA_BASE_URL: emu.url, PUBLIC_URL: base, SMTP_URL: sink.url });
  server = await listen(buildApp(deps), port);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (server) await close(server);
  await emulator?.stop();
  await deps?.close();
  await sink?.stop();
});

describe('coach and athlete in the browser', () => {
  it('when a coach invites and an athlete connects and accepts, then the coach sees the athlete with chart and body map', async () => {
    const stravaAthlete = emulator.control.createAthlete({ profile: 'marathoner', historyDays: 1 });
    const coachCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const coach = await coachCtx.newPage();
    const coachWatch = watchPage(coach);
    await coach.goto(`${base}/signup`);
    await coach.getByLabel('Your name').fill('Casey Coach');
    const coachEmail = `casey-${Date.now()}@example.test`;
    await coach.getByLabel('Email').fill(coachEmail);
    await coach.getByLabel('Password').fill('tempo intervals on tuesday');
    await coach.getByRole('button', { name: 'Create account' }).click();
    await coach.getByText('Check your email').waitFor();
    // The confirmation link from the email the SMTP test server caught: GET shows a button, POST confirms.
    await relayDueEmails(deps);
    const mail = sink.messages.find((m) => m.envelopeTo.includes(coachEmail));
    const link = /https?:\/\/\S+\/email\/confirm\?t=[\w%.-]+/.exec(mail?.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();
    await coach.goto(link!);
    await coach.getByRole('button', { name: 'Confirm address' }).click();
    await coach.getByText('Email address confirmed').waitFor();
    await coach.goto(`${base}/login`);
    await coach.getByLabel('Email').fill(coachEmail);
    await coach.getByLabel('Password').fill('tempo intervals on tuesday');
    await coach.getByRole('button', { name: 'Sign in' }).click();
    await coach.waitForURL(`${base}/coach`);
    await coach.getByText('No athletes yet').waitFor();
    await coach.goto(`${base}/coach/invites`);
    await coach.getByLabel('Note for the athlete (optional)').fill('Autumn marathon group');
    await coach.getByRole('button', { name: 'Create invite link' }).click();
    const inviteUrl = await coach.locator('#invite-url').inputValue();
    await screenshot(coach, 'flow-01-coach-invite');

    const athleteCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const athlete = await athleteCtx.newPage();
    const athleteWatch = watchPage(athlete);
    await athlete.goto(inviteUrl);
    await athlete.getByText('What your coach will see').waitFor();
    await screenshot(athlete, 'flow-02-invite-anonymous');
    await athlete.getByRole('link', { name: 'Connect with Strava' }).click();
    await athlete.locator(`[data-testid="authorize-${stravaAthlete.id}"]`).click();
    await athlete.waitForURL(inviteUrl);
    await athlete.locator('#accept-consent').waitFor();
    await screenshot(athlete, 'flow-03-consent');
    await athlete.locator('#accept-consent').click();
    await athlete.getByText('Consent recorded').waitFor();

    const { rows } = await deps.db.query<{ id: string }>(
      'select id from athlete where strava_athlete_id = $1',
      [String(stravaAthlete.id)],
    );
    const athleteId = rows[0]!.id;
    // INTEGRATION POINT: activities should arrive through the emulator's webhook and the workers; until the
    // lead's recompute-athlete job fills activity_metric/daily_series, the derived rows are seeded here.
    await seedHistory(deps.db, athleteId, { endDate: utcToday(), days: 120 });

    await coach.goto(`${base}/coach`);
    await coach.locator('#overview tbody tr').first().waitFor();
    await screenshot(coach, 'flow-04-coach-overview');
    expect(await coach.locator('#overview tbody tr').count()).toBe(1);
    await coach.locator('#overview tbody tr a').first().click();
    await coach.waitForURL(`${base}/athletes/${athleteId}`);
    await coach.locator('body[data-ready="true"]').waitFor();
    expect(await coach.locator('#chart canvas').count()).toBeGreaterThan(0);
    expect(await coach.locator('#bodymap svg [class^="state-"]').count()).toBeGreaterThan(7);
    expect(await coach.locator('#activities tbody tr').count()).toBe(20);
    await expect(coach.locator('.powered-by-strava').isVisible()).resolves.toBe(true);
    expect(await coach.locator('#own').isHidden()).toBe(true);
    await screenshot(coach, 'flow-05-coach-athlete-page');

    await athlete.goto(`${base}/me`);
    await athlete.locator('body[data-ready="true"]').waitFor();
    await athlete.getByText('Casey Coach').first().waitFor();
    await screenshot(athlete, 'flow-06-athlete-own-page');
    await athlete.getByRole('button', { name: 'Revoke access for Casey Coach' }).click();
    await athlete.getByText('consent revoked').waitFor();
    await coach.reload();
    await coach.getByText('No athlete with this id is shared with you.').waitFor();
    await screenshot(coach, 'flow-07-coach-after-revoke');
    expect([...coachWatch.problems, ...athleteWatch.problems]).toEqual([]);
  }, 120_000);
});
