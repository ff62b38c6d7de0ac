import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Express } from 'express';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');

/** Debian's Chromium, headless. Missing Chromium is a failure with the fix, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does this).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A free loopback port, so PUBLIC_URL (OAuth redirect) is known before the app is built. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Page errors and CSP violations, collected for the assertions at the end of a test. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text()))
      problems.push(`csp: ${m.text()}`);
  });
  return { problems };
}

/** The app on a known loopback port with its own test world, and a headless Chromium to drive it. */
export interface BrowserWorld {
  deps: TestDeps;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts a BrowserWorld; `env` gets the app's base URL (for PUBLIC_URL and friends). */
export async function startBrowserWorld(
  env: (base: string) => Record<string, string>,
): Promise<BrowserWorld> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const deps = await createTestDeps({ PUBLIC_URL: base, ...env(base) });
  const server = await listen(buildApp(deps), port);
  const browser = await launchChromium();
  return {
    deps,
    base,
    browser,
    async close() {
      await browser.close();
      await close(server);
      await deps.close();
    },
  };
}
