import { z } from 'zod';

/**
 * The one catalogue of queues and jobs: payload schema, queue, deterministic job id and default options.
 * A job named `x-y` is implemented by `workers/jobs/x-y.ts` (exporting `run`); the dispatcher loads it by
 * name, and a test checks every entry has its file. Job ids never contain ':' and are never all digits
 * (BullMQ's rules), so each starts with a short prefix.
 */
export const QUEUE_NAMES = ['ingest', 'backfill', 'compute', 'notify', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const id64 = z.string().regex(/^\d{1,20}$/, 'a 64-bit id as a decimal string');
const uuid = z.uuid();
const isoDate = z.iso.date();

interface JobSpec<S extends z.ZodType> {
  queue: QueueName;
  schema: S;
  /** Deterministic id from the payload; undefined lets BullMQ pick one (never for effects). */
  jobId: (data: z.output<S>) => string;
  /**
   * For work that must run again whenever it is asked for (a newer state to fetch, a recompute): one
   * waiting and one running job per key, and a request during a run schedules exactly one more
   * (BullMQ deduplication, keepLastIfActive). A fixed job id alone would be ignored while BullMQ still
   * keeps the completed job, silently losing the later request.
   */
  rerunKey?: (data: z.output<S>) => string;
  /** Lower runs first (BullMQ priority); live events beat backfill. */
  priority?: number;
  attempts?: number;
}

const spec = <S extends z.ZodType>(s: JobSpec<S>): JobSpec<S> => s;

export const JOBS = {
  /**
   * Turn one inbox row into work (sync, delete, deauthorize). `replay` (a receive minute) re-checks a
   * deauthorization whose exact event arrived again: the first copy may have been a forgery.
   */
  'process-webhook-event': spec({
    queue: 'ingest',
    schema: z.object({
      inboxId: id64,
      replay: z
        .string()
        .regex(/^m\d+$/)
        .optional(),
    }),
    jobId: (d) => (d.replay ? `wh-${d.inboxId}-${d.replay}` : `wh-${d.inboxId}`),
    priority: 1,
  }),
  /** Make our copy of one activity equal Strava's current state (create/update/delete converge). */
  'sync-activity': spec({
    queue: 'ingest',
    schema: z.object({
      athleteId: uuid,
      activityId: id64,
      reason: z.enum(['webhook', 'backfill', 'reconcile']),
    }),
    jobId: (d) => `sync-${d.activityId}`,
    rerunKey: (d) => `act-${d.activityId}`,
    priority: 2,
  }),
  /** Import summaries of the last N days, then queue stream fetches newest first. */
  'backfill-athlete': spec({
    queue: 'backfill',
    schema: z.object({ athleteId: uuid }),
    jobId: (d) => `backfill-${d.athleteId}`,
  }),
  /** Fetch streams for one activity when the read budget allows, then upgrade its numbers. */
  'fetch-streams': spec({
    queue: 'backfill',
    schema: z.object({ athleteId: uuid, activityId: id64 }),
    jobId: (d) => `streams-${d.activityId}`,
    priority: 5,
  }),
  /** Compare /athlete/activities after the watermark with what we have (events Strava gave up on). */
  'reconcile-athlete': spec({
    queue: 'backfill',
    schema: z.object({ athleteId: uuid, windowId: z.string().regex(/^[0-9a-z-]+$/) }),
    jobId: (d) => `reconcile-${d.athleteId}-${d.windowId}`,
  }),
  /**
   * Delete everything of an athlete (disconnect; deauthorization event or lost access, each confirmed
   * with Strava first). Rerun semantics, not a fixed id: a forged request that ran (and deleted nothing)
   * can never make the real one that follows a no-op.
   */
  'delete-athlete': spec({
    queue: 'ingest',
    schema: z.object({ athleteId: uuid, reason: z.enum(['disconnect', 'deauthorized', 'access-lost']) }),
    jobId: (d) => `delete-${d.athleteId}`,
    rerunKey: (d) => `delete-${d.athleteId}`,
    priority: 1,
  }),
  /** Recompute an athlete's metrics/series from a day on, then re-evaluate alert rules. */
  'recompute-athlete': spec({
    queue: 'compute',
    schema: z.object({ athleteId: uuid, fromDate: isoDate, recomputeActivities: z.boolean().default(false) }),
    jobId: (d) => `recompute-${d.athleteId}-${d.fromDate}-${d.recomputeActivities ? 'a' : 's'}`,
    rerunKey: (d) => `recompute-${d.athleteId}-${d.fromDate}-${d.recomputeActivities ? 'a' : 's'}`,
  }),
  /** Deliver one outbox email over SMTP. */
  'send-email': spec({
    queue: 'notify',
    schema: z.object({ outboxId: id64 }),
    jobId: (d) => `mail-${d.outboxId}`,
    attempts: 8,
  }),
  /** Repeatable: re-enqueue inbox rows that never got their job (Redis down between insert and enqueue). */
  'sweep-inbox': spec({ queue: 'maintenance', schema: z.object({}), jobId: () => 'sweep-inbox' }),
  /** Repeatable: relay due outbox rows (lease expired, retry time reached, digests). */
  'relay-outbox': spec({ queue: 'maintenance', schema: z.object({}), jobId: () => 'relay-outbox' }),
  /** Repeatable: delete raw Strava data past STRAVA_RAW_RETENTION_DAYS (API terms). */
  'purge-raw-data': spec({ queue: 'maintenance', schema: z.object({}), jobId: () => 'purge-raw-data' }),
  /**
   * Repeatable: extend every athlete's series to their local today and re-evaluate alert rules, so form
   * and fatigue move on rest days too (each athlete's day turns at their own midnight).
   */
  'refresh-athletes': spec({ queue: 'maintenance', schema: z.object({}), jobId: () => 'refresh-athletes' }),
  /**
   * Repeatable: queue a recompute for athletes with activities whose numbers are missing or stale (a
   * worker died between storing an activity and queueing its recompute, or the recompute gave up).
   */
  'sweep-stale-metrics': spec({
    queue: 'maintenance',
    schema: z.object({}),
    jobId: () => 'sweep-stale-metrics',
  }),
  /**
   * Repeatable: queue a confirmed deletion check (delete-athlete, reason access-lost) for athletes whose
   * Strava access failed or went unused for a day: a lost deauthorization is found within hours.
   */
  'verify-strava-access': spec({
    queue: 'maintenance',
    schema: z.object({}),
    jobId: () => 'verify-strava-access',
  }),
  /** Repeatable: queue a reconcile-athlete for every connected athlete. */
  'reconcile-all': spec({ queue: 'maintenance', schema: z.object({}), jobId: () => 'reconcile-all' }),
} as const;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.output<(typeof JOBS)[N]['schema']>;
export type JobInput<N extends JobName> = z.input<(typeof JOBS)[N]['schema']>;

/** Schedules of the repeatable maintenance jobs, in milliseconds. */
export const REPEATABLE_JOBS: { name: JobName; everyMs: number }[] = [
  { name: 'sweep-inbox', everyMs: 30_000 },
  { name: 'relay-outbox', everyMs: 30_000 },
  { name: 'sweep-stale-metrics', everyMs: 30_000 },
  { name: 'purge-raw-data', everyMs: 60 * 60_000 },
  { name: 'refresh-athletes', everyMs: 60 * 60_000 },
  { name: 'reconcile-all', everyMs: 6 * 60 * 60_000 },
  { name: 'verify-strava-access', everyMs: 60 * 60_000 },
];

/**
 * Retries: exponential from 1 s, capped at 60 s with jitter (workers/main.ts `cappedBackoffMs`), 10
 * attempts (about 6 minutes): outlasts a Strava or database blip without a job sitting for an hour.
 * What still fails is recovered by the sweepers and the reconciliation.
 */
export const BACKOFF_TYPE = 'capped-exponential';
export const DEFAULT_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: BACKOFF_TYPE, delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
} as const;
