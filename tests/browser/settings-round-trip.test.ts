import type { Browser } from 'playwright-core';
import type { TestDeps } from '../support/test-deps';
import { insertAthlete } from '../integration/notify/fixtures';
import { sessionFor } from '../integration/dashboard/support/world';
import {
  SCREENSHOT_DIR,
  screenshot,
  startBrowserWorld,
  watchPage,
  type BrowserWorld,
} from './support/browser';

// Issue 17: every email and alert setting has a control on /me, shows its stored state, and survives a reload.
let world: BrowserWorld;
let deps: TestDeps;
let browser: Browser;
let base: string;

beforeAll(async () => {
  world = await startBrowserWorld(() => ({}));
  ({ deps, browser, base } = world);
}, 60_000);
afterAll(() => world?.close());

describe('athlete settings in the browser', () => {
  it('when an athlete changes every email setting and the time zone, then a reload shows what was saved', async () => {
    const athlete = await insertAthlete(deps, { prefs: {} });
    const s = await sessionFor(deps, {
      userId: athlete.userId,
      role: 'athlete',
      athleteId: athlete.athleteId,
    });
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const [name, value] = s.cookie.split('=');
    await ctx.addCookies([{ name: name!, value: value!, url: base }]);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    await page.goto(`${base}/me`);
    await page.locator('body[data-ready="true"]').waitFor();
    // The defaults, stated: on, at most one per 12 hours, quiet 21:00-07:00.
    await page
      .locator('#email-state', {
        hasText: 'Emails are on, at most one every 12 hours, none between 21:00 and 07:00.',
      })
      .waitFor();

    const form = page.locator('#alert-prefs');
    await form.getByLabel('From').fill('22:30');
    await form.getByLabel('Until').fill('06:15');
    await form.getByLabel('At most one alert email every (hours)').fill('6');
    await form.getByLabel('Instead, one daily digest').check();
    await form.getByLabel('Digest hour (0-23, your time zone)').fill('18');
    await form.getByLabel('Hard session (load, AU)').fill('400');
    await form.getByRole('button', { name: 'Save alert preferences' }).click();
    await page.locator('#email-state', { hasText: 'as one daily digest at 18:00' }).waitFor();

    await page.locator('#time-zone').selectOption('Australia/Brisbane');
    await page.getByRole('button', { name: 'Save time zone' }).click();
    await page.getByText('Time zone: Australia/Brisbane (chosen by you).').waitFor();
    await page.getByRole('button', { name: 'Turn alert emails off' }).click();
    await page.locator('#email-state', { hasText: 'Emails are off.' }).waitFor();

    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#email-state', { hasText: 'Emails are off.' }).waitFor();
    await page.getByRole('button', { name: 'Turn alert emails on' }).waitFor();
    const reloaded = page.locator('#alert-prefs');
    await expect(reloaded.getByLabel('Quiet hours: no alert email between').isChecked()).resolves.toBe(true);
    await expect(reloaded.getByLabel('From').inputValue()).resolves.toBe('22:30');
    await expect(reloaded.getByLabel('Until').inputValue()).resolves.toBe('06:15');
    await expect(reloaded.getByLabel('At most one alert email every (hours)').inputValue()).resolves.toBe(
      '6',
    );
    await expect(reloaded.getByLabel('Instead, one daily digest').isChecked()).resolves.toBe(true);
    await expect(reloaded.getByLabel('Digest hour (0-23, your time zone)').inputValue()).resolves.toBe('18');
    await expect(reloaded.getByLabel('Hard session (load, AU)').inputValue()).resolves.toBe('400');
    await expect(page.locator('#time-zone').inputValue()).resolves.toBe('Australia/Brisbane');
    await screenshot(page, 'i17-settings-390');
    await page
      .locator('#notifications')
      .screenshot({ path: `${SCREENSHOT_DIR}/i17-settings-section-390.png` });

    const { rows } = await deps.db.query<{ p: unknown; a: unknown; tz: string }>(
      'select notification_prefs as p, alert_settings as a, time_zone as tz from athlete where id = $1',
      [athlete.athleteId],
    );
    expect(rows[0]).toEqual({
      p: {
        enabled: false,
        maxOnePerHours: 6,
        quietHours: { start: '22:30', end: '06:15' },
        digest: { enabled: true, hourLocal: 18 },
      },
      a: { thresholds: { 'hard-session': 400 } },
      tz: 'Australia/Brisbane',
    });
    // Phone first: the settings fit 390 px without sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(watch.problems).toEqual([]);
    await ctx.close();
  }, 90_000);
});
