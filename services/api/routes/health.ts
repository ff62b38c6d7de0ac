import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { schemaStatus } from '../../../db/migrate';
import { pingDatabase } from '../../../db/queries/health';
import type { Deps } from '../../deps';
import { QUEUE_NAMES } from '../../queue/catalogue';

const CHECK_TIMEOUT_MS = 2000;

const digest = (v: string): Buffer => createHash('sha256').update(v, 'utf8').digest();

/**
 * Is this request from the operator? With METRICS_TOKEN set: it carries `Authorization: Bearer <token>`
 * (compared in constant time). Without one: only outside production, where everything is local.
 */
export function isOperator(deps: Deps, req: Request): boolean {
  const token = deps.config.metricsToken;
  if (token === null) return deps.config.env !== 'production';
  const m = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

/**
 * /healthz: the process is alive. /readyz: PostgreSQL, Redis and the schema are usable; the public gets
 * "ready" or "not ready" only, the operator (isOperator) also which part fails and why (versions, error
 * texts help an attacker). /metrics: the operator only (ASVS 13.4.5).
 */
export function healthRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const checks = await readinessChecks(deps);
    const ready = Object.values(checks).every((c) => c.ok);
    const status = ready ? 'ready' : 'not ready';
    res.set('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json(isOperator(deps, req) ? { status, checks } : { status });
  });
  if (deps.config.metricsEnabled) {
    router.get('/metrics', async (req, res) => {
      if (!isOperator(deps, req)) {
        res.set('WWW-Authenticate', 'Bearer realm="metrics"');
        res
          .status(401)
          .json({ error: { code: 'unauthorized', message: 'Send the METRICS_TOKEN as a bearer token' } });
        return;
      }
      await sampleQueueDepths(deps).catch(() => undefined);
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    });
  }
  return router;
}

type Check = { ok: boolean; error?: string; detail?: unknown };

async function readinessChecks(deps: Deps): Promise<Record<string, Check>> {
  const [postgres, redis, schema] = await Promise.all([
    check(() => pingDatabase(deps.db)),
    check(async () => {
      await deps.redis.ping();
    }),
    check(async () => {
      const s = await schemaStatus(deps.db);
      if (!s.ok) throw new Error(`schema at version ${s.current}, this build expects ${s.expected}`);
      return s;
    }),
  ]);
  return { postgres, redis, schema };
}

async function check(fn: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    const detail = await Promise.race([fn(), timeout]);
    return detail === undefined ? { ok: true } : { ok: true, detail };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

async function sampleQueueDepths(deps: Deps): Promise<void> {
  for (const name of QUEUE_NAMES) {
    const counts = await deps.queues
      .queue(name)
      .getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    for (const [state, n] of Object.entries(counts)) deps.metrics.queueDepth.set({ queue: name, state }, n);
  }
}
