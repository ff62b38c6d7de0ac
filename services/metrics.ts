import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. Each process has its own registry (tests build several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'kneadwise_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobOutcomes: new Counter({
      name: 'kneadwise_jobs_total',
      help: 'Finished jobs by name and outcome',
      labelNames: ['name', 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'kneadwise_job_duration_seconds',
      help: 'Job run time by name',
      labelNames: ['name'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'kneadwise_queue_jobs',
      help: 'Jobs per queue and state (sampled on scrape)',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
    }),
    emailsSent: new Counter({
      name: 'kneadwise_emails_total',
      help: 'Emails by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    webhookDropped: new Counter({
      name: 'kneadwise_webhook_events_dropped_total',
      help: 'Webhook events dropped before any Strava call, by reason (wrong path secret, unknown subscription or athlete, source over its limit, nothing to do)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    webhookFolded: new Counter({
      name: 'kneadwise_webhook_events_folded_total',
      help: 'Webhook events over the per-athlete limit, folded into one listing of the athlete at the end of the window',
      registers: [registry],
    }),
    stravaCalls: new Counter({
      name: 'kneadwise_strava_calls_total',
      help: 'Strava API calls by endpoint kind and status',
      labelNames: ['kind', 'status'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
