import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createClock, type ClockOptions, type EmulatorClock } from './clock';
import type { EmulatorContext, FailureOptions } from './context';
import { createControl, type EmulatorControl } from './control';
import { DEFAULT_DELIVERY_OPTIONS, DeliveryQueue, type DeliveryOptions } from './deliveries';
import { sendJson, stravaErrors } from './errors';
import { createPrng } from './generator/prng';
import { apiRoutes } from './http/api-routes';
import { authorizeRoutes } from './http/authorize-page';
import { controlRoutes } from './http/control-routes';
import { oauthRoutes } from './http/oauth-routes';
import { chaos, rateLimit, requestLogger, requireToken } from './http/pipeline';
import { pushRoutes } from './http/push-routes';
import { createRateLimiter, type RateLimits } from './rate-limits';
import { RequestLog } from './request-log';
import { TokenStore, type RefreshRotation } from './tokens';
import type { ProfileName } from './types';
import { World } from './world';

export interface StravaEmulatorOptions {
  /** Seed for generated data, ids and injected failures. Default 42. */
  seed?: string | number;
  /** The registered app. Defaults: "1000" / "emulator-client-secret" (Kneadwise's development defaults). */
  clientId?: string;
  clientSecret?: string;
  /** Defaults to Strava's 200/2000 overall and 100/1000 read. */
  rateLimits?: Partial<RateLimits>;
  /** Failure injection and latency (see FailureOptions). */
  failures?: Partial<FailureOptions>;
  /** A clock to share, or options for a new one. Default: real time, not frozen. */
  clock?: EmulatorClock | ClockOptions;
  /** Webhook delivery (timeoutMs 2000, maxAttempts 3, retryDelayMs 1000, duplicates, out of order). */
  webhook?: Partial<DeliveryOptions>;
  /** Subscription handshake timeout, ms. Default 2000 (Strava's). */
  handshakeTimeoutMs?: number;
  /** Refresh-token rotation policy. Default 'always' (every refresh returns a new refresh token). */
  refreshRotation?: RefreshRotation;
  /** Create athletes for these profiles (true = all five demo profiles). Default none. */
  demoAthletes?: boolean | ProfileName[];
  /** Days of history per demo athlete, ending at the clock's now. Default 180. */
  historyDays?: number;
  /** Precompute activity summaries in the background after start(). Default true. */
  warmCache?: boolean;
}

export interface StravaEmulator {
  app: express.Express;
  clock: EmulatorClock;
  control: EmulatorControl;
  /** Snapshot for dashboards and /_emulator/state. */
  state(): Record<string, unknown>;
  /** Listens on 127.0.0.1 (port 0 = ephemeral). STRAVA_BASE_URL is the returned url. */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops deliveries and closes the server, dropping hung connections. */
  stop(): Promise<void>;
  /** Resolves once start()'s background summary precomputation is done (at once without warmCache). */
  warmed(): Promise<void>;
}

const ALL_PROFILES: ProfileName[] = ['marathoner', 'trail-runner', 'cyclist', 'triathlete', 'comeback'];

function buildContext(o: StravaEmulatorOptions): EmulatorContext {
  const seed = o.seed ?? 42;
  const clock = o.clock && 'now' in o.clock ? o.clock : createClock(o.clock);
  return {
    clientId: o.clientId ?? '1000',
    clientSecret: o.clientSecret ?? 'emulator-client-secret',
    clock,
    world: new World(),
    tokens: new TokenStore(clock, o.refreshRotation ?? 'always'),
    limiter: createRateLimiter(clock, o.rateLimits),
    log: new RequestLog(),
    deliveries: new DeliveryQueue(
      { ...DEFAULT_DELIVERY_OPTIONS, ...o.webhook },
      createPrng(`${seed}/deliveries`),
    ),
    failures: {
      errorRate: 0,
      errorStatuses: [500],
      rateLimitRate: 0,
      timeoutRate: 0,
      hangMs: 30_000,
      latencyMs: 0,
      ...o.failures,
    },
    chaos: createPrng(`${seed}/chaos`),
    handshakeTimeoutMs: o.handshakeTimeoutMs ?? 2000,
    subscription: null,
    nextSubscriptionId: 120_000 + createPrng(`${seed}/sub`).int(1, 9999),
  };
}

const strava = (path: string) => /^\/(oauth|api\/v3)(\/|$)/.test(path);

function buildApp(ctx: EmulatorContext, control: EmulatorControl, state: () => Record<string, unknown>) {
  const app = express();
  app.disable('x-powered-by');
  app.use('/_emulator', controlRoutes(control, state));
  const only =
    (test: (p: string) => boolean, mw: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      test(req.path) ? mw(req, res, next) : next();
  app.use(only(strava, requestLogger(ctx)));
  app.use(express.urlencoded({ extended: true }), express.json());
  app.use(authorizeRoutes(ctx));
  app.use(only((p) => p.startsWith('/api/v3'), rateLimit(ctx)));
  app.use(only(strava, chaos(ctx)));
  app.use(oauthRoutes(ctx));
  app.use('/api/v3', pushRoutes(ctx), requireToken(ctx), apiRoutes(ctx));
  app.use((_req: Request, res: Response) =>
    sendJson(res, 404, stravaErrors.badRequest('resource', 'path', 'invalid')),
  );
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendJson(res, 500, { message: 'Internal Server Error', errors: [], detail: String(err) });
  });
  return app;
}

/** Creates a Strava emulator: an Express app speaking Strava's OAuth, API v3, rate limits and webhooks. */
export function createStravaEmulator(options: StravaEmulatorOptions = {}): StravaEmulator {
  const ctx = buildContext(options);
  const control = createControl(ctx);
  const profiles = options.demoAthletes === true ? ALL_PROFILES : options.demoAthletes || [];
  profiles.forEach((profile, i) =>
    control.createAthlete({
      profile,
      historyDays: options.historyDays ?? 180,
      seed: `${options.seed ?? 42}/${i}`,
    }),
  );
  const state = () => ({
    nowMs: ctx.clock.now(),
    clientId: ctx.clientId,
    athletes: ctx.world.listAthletes().map((a) => ({
      id: a.id,
      name: `${a.firstname} ${a.lastname}`,
      profile: a.profile,
      activities: ctx.world.activitiesOf(a.id).length,
      authorizedScopes: ctx.tokens.grants.get(a.id) ?? null,
    })),
    subscription: ctx.subscription,
    rateLimits: control.rateLimits(),
    deliveries: ctx.deliveries.stats(),
    failures: ctx.failures,
    requests: ctx.log.count(),
  });
  const app = buildApp(ctx, control, state);
  let server: Server | null = null;
  let warming: Promise<void> = Promise.resolve();
  return {
    app,
    clock: ctx.clock,
    control,
    state,
    start(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, host, (err?: Error) => {
          if (err) return reject(err);
          const addr = s.address();
          const p = typeof addr === 'object' && addr ? addr.port : port;
          if (options.warmCache !== false) warming = ctx.world.warm(() => server === null);
          resolve({ url: `http://${host}:${p}`, port: p });
        });
        server = s;
      });
    },
    warmed: () => warming,
    async stop() {
      ctx.deliveries.stop();
      const s = server;
      server = null;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
