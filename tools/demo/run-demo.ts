import type { Server } from 'node:http';
import { recreateDatabase } from '../../db/pool';
import { startWorkers } from '../../workers/main';
import { buildApp } from '../../services/api/app';
import { loadConfig, type Config } from '../../services/config';
import type { Deps } from '../../services/deps';
import { createLogger } from '../../services/logger';
import { buildDeps, closeDeps } from '../../services/runtime';
import { runSubscriptionCommand } from '../../services/strava/subscriptions';
import { formatBanner, type DemoUrls } from './banner';
import type { DemoOptions } from './demo-options';
import { startEmulatorThread, type EmulatorHost } from './emulator-host';
import { startLiveFeed } from './live-feed';
import { startMailCatcher } from './mail-catcher';
import { resetQueueKeys } from './reset-demo';
import { seedDemo, type DemoSeed } from './seed-demo';

/**
 * Strava's default limits (100 reads per 15 min, 1,000 a day) would stretch the streams of six months of
 * history over a day or more; the demo's emulator allows ten times as much so the import finishes in
 * minutes. Kneadwise still learns the limits from the response headers and paces itself by them.
 */
const DEMO_RATE_LIMITS = { read15Min: 1000, readDaily: 10_000, overall15Min: 2000, overallDaily: 20_000 };

export interface DemoHandle {
  urls: DemoUrls;
  seed: DemoSeed;
  banner: string;
  /**
   * Resolves once the emulator's data is ready and the workers and live feed run (history imports from
   * then on); rejects if they could not start. Settles at once when stop() came first.
   */
  importing: Promise<void>;
  /** Stops whatever runs: feed, workers (in-flight jobs finish), web server, emulator, mail catcher. */
  stop(): Promise<void>;
}

function demoConfig(o: DemoOptions, stravaUrl: string, smtpUrl: string): Config {
  // A clean environment on purpose: a real install's STRAVA_* or DATABASE_URL must not leak into the demo.
  return loadConfig({
    NODE_ENV: 'development',
    PORT: String(o.appPort),
    PUBLIC_URL: `http://127.0.0.1:${o.appPort}`,
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Kneadwise demo <kneadwise@demo.kneadwise.local>',
    STRAVA_BASE_URL: stravaUrl,
    STRAVA_BACKFILL_DAYS: String(o.historyDays),
    QUEUE_PREFIX: o.queuePrefix,
    LOG_LEVEL: o.logLevel,
    STARTUP_TIMEOUT_MS: '10000',
  });
}

function listen(deps: Deps, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = buildApp(deps).listen(port, '127.0.0.1', (err?: Error) =>
      err ? reject(err) : resolve(server),
    );
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

async function subscribeWebhook(deps: Deps): Promise<void> {
  const lines: string[] = [];
  const code = await runSubscriptionCommand(deps, 'subscribe', (l) => lines.push(l));
  if (code !== 0) throw new Error(`could not subscribe to the emulator's webhooks: ${lines.join(' ')}`);
}

/** What was started, in order; stopping runs the stops in reverse. */
class Stack {
  private readonly stops: (() => Promise<void>)[] = [];
  stopped = false;
  push(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }
  async stopAll(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops.reverse().splice(0)) await stop().catch(() => undefined);
  }
}

interface Platform {
  deps: Deps;
  emulator: EmulatorHost;
  urls: DemoUrls;
}

/** Fresh database and queue keys, mail catcher, emulator thread, Kneadwise web, webhook subscription. */
async function startPlatform(o: DemoOptions, stack: Stack, print: (line: string) => void): Promise<Platform> {
  print(`Resetting the demo database and the "${o.queuePrefix}" queues...`);
  await recreateDatabase(o.databaseUrl);
  const catcher = await startMailCatcher({ smtpPort: o.smtpPort, webPort: o.mailWebPort });
  stack.push(() => catcher.stop());
  print(`Generating ${o.historyDays} days of history for five emulated athletes...`);
  const emulator = await startEmulatorThread({
    port: o.stravaPort,
    seed: o.seed,
    historyDays: o.historyDays,
    rateLimits: DEMO_RATE_LIMITS,
  });
  stack.push(() => emulator.stop());
  const config = demoConfig(o, emulator.url, catcher.smtpUrl);
  const deps = await buildDeps(config, createLogger(config.logLevel, process.stderr), { migrate: true });
  stack.push(() => closeDeps(deps));
  await resetQueueKeys(deps.redis, config.queuePrefix);
  const server = await listen(deps, o.appPort);
  stack.push(() => closeServer(server));
  await subscribeWebhook(deps);
  const app = config.publicUrl;
  const urls = {
    app,
    stravaAuthorize: `${app}/auth/strava`,
    emulator: emulator.url,
    mail: catcher.webUrl,
    metrics: `${app}/metrics`,
  };
  return { deps, emulator, urls };
}

/**
 * Waits for the emulator to have every activity's summary ready (generating them costs tens of ms each;
 * importing before that would only time out and retry), then starts the workers, which pick up the
 * history imports queued by the OAuth callbacks, and the live feed.
 */
async function startImporting(p: Platform, o: DemoOptions, stack: Stack, print: (line: string) => void) {
  await p.emulator.warm;
  if (stack.stopped) return;
  const workers = await startWorkers(p.deps);
  stack.push(() => workers.close());
  const feed = startLiveFeed({
    emulator: p.emulator,
    athletes: p.emulator.athletes,
    intervalS: o.feedIntervalS,
    onEvent: (e) => print(`live feed: ${e.name} uploaded an activity: ${e.kind} (id ${e.activityId})`),
    onError: (err) => print(`live feed: could not add an activity: ${err.message}`),
  });
  stack.push(() => Promise.resolve(feed.stop()));
  print(
    'Emulator data ready: the workers are importing the history now; the dashboards fill in as it lands.',
  );
}

/**
 * Starts the whole demo in this process: the platform, then the athletes connected through the real
 * OAuth flow and the demo coach, then (in the background, see `importing`) workers and live feed. If a
 * step fails, everything already started is stopped again before the error is thrown.
 */
export async function startDemo(o: DemoOptions, print: (line: string) => void): Promise<DemoHandle> {
  const stack = new Stack();
  try {
    const platform = await startPlatform(o, stack, print);
    print('Connecting the athletes through Strava OAuth and creating the demo coach...');
    const seed = await seedDemo(platform.deps, platform.urls.app, platform.emulator.athletes);
    const importing = startImporting(platform, o, stack, print);
    return {
      urls: platform.urls,
      seed,
      banner: formatBanner(platform.urls, seed, o.feedIntervalS),
      importing,
      stop: () => stack.stopAll(),
    };
  } catch (err) {
    await stack.stopAll();
    throw err;
  }
}
