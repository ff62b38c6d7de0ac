import type { Redis } from 'ioredis';
import type { Db } from '../db/pool';
import type { Enqueuer } from './ports/enqueuer';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Mailer } from './ports/mailer';
import type { Metrics } from './metrics';

/**
 * Everything a route or a job needs, built once in the process entry and passed as an argument: the
 * whole "DI container". Tests build their own with a private database and queue prefix.
 */
export interface Deps {
  config: Config;
  logger: Logger;
  db: Db;
  /** Producer connection (fails fast); workers get their own blocking connections. */
  redis: Redis;
  queues: Enqueuer;
  metrics: Metrics;
  /** Milliseconds since the epoch; injected so tests and the emulator can move time. */
  clock: () => number;
  /** SMTP sender of the outbox (services/notify/mailer.ts); built from SMTP_URL when absent. */
  mailer?: Mailer;
}

/** What composing and queueing an email needs (no database handle: callers pass their transaction). */
export type NotifyDeps = Pick<Deps, 'config' | 'logger' | 'metrics'>;
