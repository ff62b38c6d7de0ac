/**
 * Webhook ack bench: `npx tsx tools/bench/webhook.ts` (npm run bench:webhook).
 * Starts the real app (real PostgreSQL inbox, real Redis enqueue, its own fresh database and queue prefix)
 * and a bare Express handler (JSON parse, 200) on another port, both started by the bench in this run.
 * Drives each with autocannon at a fixed 300 requests/s of unique Strava events (target p99 <= 50 ms for
 * the real path), then at saturation (no rate limit: target throughput >= 0.5x bare Express). The web
 * app runs in this process without the worker. Everything it creates is dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { buildApp } from '../../services/api/app';
import { loadConfig } from '../../services/config';
import { createLogger } from '../../services/logger';
import { buildDeps, closeDeps } from '../../services/runtime';

export const TARGET_P99_MS = 50;

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LatencyRow {
  name: string;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

export interface WebhookBenchResult {
  bare: LatencyRow;
  app: LatencyRow;
  /** app p99 / bare p99. */
  p99Ratio: number;
  /** Both again with no rate limit: what each can take. */
  bareSaturated: LatencyRow;
  appSaturated: LatencyRow;
  /** app / bare requests per second at saturation. */
  throughputRatio: number;
  targetP99Ms: number;
  pass: boolean;
}

const OWNER = 8_000_001;
const SUBSCRIPTION = 990_001;

/** Runs the bench and returns the figures (used by tools/bench/run-all.ts too). */
export async function runWebhookBench(
  opts: { ratePerS?: number; durationS?: number } = {},
): Promise<WebhookBenchResult> {
  const rate = opts.ratePerS ?? 300;
  const duration = opts.durationS ?? Number(process.env.BENCH_WEBHOOK_S ?? 10);
  const env = await startRealApp();
  const bare = await listen(bareApp());
  try {
    await drive(bare.url, 2, rate); // warm-up of both paths (JIT, pools, prepared Lua scripts)
    await drive(env.url, 2, rate);
    const bareRow = await drive(bare.url, duration, rate, 'bare express');
    const appRow = await drive(env.url, duration, rate, 'kneadwise webhook');
    const bareSaturated = await drive(bare.url, duration, undefined, 'bare express (saturated)');
    const appSaturated = await drive(env.url, duration, undefined, 'kneadwise webhook (saturated)');
    const p99Ratio = appRow.p99Ms / Math.max(bareRow.p99Ms, 1);
    return {
      bare: bareRow,
      app: appRow,
      p99Ratio,
      bareSaturated,
      appSaturated,
      throughputRatio: appSaturated.requestsPerS / Math.max(bareSaturated.requestsPerS, 1),
      targetP99Ms: TARGET_P99_MS,
      pass: appRow.p99Ms <= TARGET_P99_MS && appRow.non2xx === 0,
    };
  } finally {
    await close(bare.server);
    await env.close();
  }
}

const BENCH_WEBHOOK_SECRET = 'bench-webhook-secret-0123456789abcdef';

function bareApp(): express.Express {
  const app = express();
  app.post(`/strava/webhook/${BENCH_WEBHOOK_SECRET}`, express.json({ limit: '16kb' }), (_req, res) => {
    res.status(200).json({ received: true });
  });
  return app;
}

let run = 0;
function uniqueEventTemplate(): string {
  run++;
  return `{"aspect_type":"update","event_time":${1_790_000_000 + run},"object_id":${20_000_000_000 + run},"object_type":"activity","owner_id":${OWNER},"subscription_id":${SUBSCRIPTION},"updates":{"title":"[<id>]"}}`;
}

/** `rate` undefined: as fast as the server answers (saturation). */
async function drive(
  url: string,
  durationS: number,
  rate: number | undefined,
  name = 'warm-up',
): Promise<LatencyRow> {
  const result = await autocannon({
    url: `${url}/strava/webhook/${BENCH_WEBHOOK_SECRET}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // The load generator runs in a worker thread so it does not share the servers' event loop.
    workers: 1,
    connections: 20,
    ...(rate === undefined ? {} : { overallRate: rate }),
    duration: durationS,
    // autocannon puts a fresh id in every body: every event is unique (a new inbox row and job).
    idReplacement: true,
    body: uniqueEventTemplate(),
  });
  return {
    name,
    requestsPerS: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function startRealApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const base = loadConfig();
  const dbName = `kwbench_${Date.now()}_${randomUUID().slice(0, 6)}`;
  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `kwbench-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    DB_POOL_MAX: '20',
    // Strava-shaped load from one host: the per-source limit is not what this measures.
    STRAVA_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    STRAVA_WEBHOOK_SOURCE_LIMIT: '1000000',
  });
  const deps = await buildDeps(config, createLogger('warn'), { migrate: true });
  await deps.db.query(`insert into athlete (strava_athlete_id) values ($1)`, [OWNER]);
  await deps.db.query(
    `insert into strava_subscription (id, callback_url) values ($1, 'http://bench/strava/webhook')`,
    [SUBSCRIPTION],
  );
  const { server, url } = await listen(buildApp(deps));
  return {
    url,
    async close() {
      await close(server);
      await closeDeps(deps);
      await dropQueueKeys(config.redisUrl, prefix);
      dbUrl.pathname = '/postgres';
      const admin = new Pool({ connectionString: dbUrl.toString(), max: 1 });
      await admin.query(`drop database if exists "${dbName}" with (force)`).finally(() => admin.end());
    },
  };
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

function print(r: WebhookBenchResult): void {
  const row = (x: LatencyRow) =>
    `${x.name.padEnd(20)} ${x.requestsPerS.toFixed(0).padStart(6)} req/s   p50 ${String(x.p50Ms).padStart(4)} ms   p99 ${String(x.p99Ms).padStart(4)} ms   max ${String(x.maxMs).padStart(5)} ms   non-2xx ${x.non2xx}   errors ${x.errors}`;
  for (const x of [r.bare, r.app, r.bareSaturated, r.appSaturated]) console.log(row(x));
  console.log(`p99 ratio (kneadwise / bare): ${r.p99Ratio.toFixed(2)}x`);
  console.log(`throughput ratio at saturation (kneadwise / bare): ${r.throughputRatio.toFixed(2)}x`);
  console.log(`target p99 <= ${r.targetP99Ms} ms at 300 req/s: ${r.pass ? 'PASS' : 'FAIL'}`);
}

if (require.main === module) {
  runWebhookBench()
    .then((r) => {
      print(r);
      process.exitCode = r.pass ? 0 : 1;
    })
    .catch((err: Error) => {
      console.error(err);
      process.exitCode = 1;
    });
}
