import type { Browser } from 'playwright-core';
import { buildApp } from '../../services/api/app';
import type { TestDeps } from '../support/test-deps';
import { seedHistory, utcToday } from '../integration/dashboard/support/seed';
import { coachActor, insertAthlete, linkCoach, sessionFor } from '../integration/dashboard/support/world';
import { screenshot, startBrowserWorld, watchPage, type BrowserWorld } from './support/browser';

// reliability.md S9: athlete-controlled text (activity titles, names, invite notes) never runs as script.
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
  'javascript:window.__pwned=4',
  '<a href="javascript:window.__pwned=5">click</a>',
  '{{constructor.constructor("window.__pwned=6")()}}',
  '<iframe srcdoc="<script>parent.__pwned=7</script>">',
  '</td></tr><style>body{display:none}</style>',
];

let world: BrowserWorld;
let deps: TestDeps;
let browser: Browser;
let base: string;

beforeAll(async () => {
  world = await startBrowserWorld(() => ({}));
  ({ deps, browser, base } = world);
}, 60_000);
afterAll(() => world?.close());

function cookieParts(cookie: string) {
  const [name, value] = cookie.split('=');
  return { name: name!, value: value!, url: base };
}

describe('hostile text in the browser', () => {
  it('when titles, names and notes carry script, then no page executes it and the text shows as text', async () => {
    const coach = await coachActor(buildApp(deps), 'Xss Coach', deps);
    const a = await insertAthlete(deps, { firstname: PAYLOADS[0]!, lastname: PAYLOADS[2]! });
    await linkCoach(deps, coach.userId, a.athleteId);
    await seedHistory(deps.db, a.athleteId, {
      endDate: utcToday(),
      days: 30,
      loadOf: () => 60,
      title: (i) => PAYLOADS[i % PAYLOADS.length]!,
    });
    await deps.db.query(`update alert set details = '{}' where false`);
    const athlete = await sessionFor(deps, { userId: a.userId, role: 'athlete', athleteId: a.athleteId });

    const pages: [string, string, string][] = [
      [coach.cookie, '/coach', 'xss-coach-overview'],
      [coach.cookie, `/athletes/${a.athleteId}`, 'xss-coach-athlete-page'],
      [athlete.cookie, '/me', 'xss-athlete-own-page'],
    ];
    for (const [cookie, path, shot] of pages) {
      const ctx = await browser.newContext();
      await ctx.addCookies([cookieParts(cookie)]);
      const page = await ctx.newPage();
      const watch = watchPage(page);
      await page.goto(`${base}${path}`);
      if (path === '/coach') await page.locator('#overview tbody tr').first().waitFor();
      else await page.locator('body[data-ready="true"]').waitFor();
      await page.waitForTimeout(300); // let any onerror/onload handler that slipped through fire
      await screenshot(page, shot);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(watch.problems).toEqual([]);
      if (path !== '/coach')
        expect(await page.locator('.activity-name', { hasText: '<img src=x' }).count()).toBeGreaterThan(0);
      await ctx.close();
    }
  }, 90_000);
});
