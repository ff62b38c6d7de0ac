import { stringifyJson } from './json';
import type { Prng } from './generator/prng';

/** Strava's webhook event body, field for field. `object_id` is bigint for activities (exact JSON). */
export interface WebhookEvent {
  aspect_type: 'create' | 'update' | 'delete';
  event_time: number;
  object_id: bigint | number;
  object_type: 'activity' | 'athlete';
  owner_id: number;
  subscription_id: number;
  updates: Record<string, string>;
}

export interface DeliveryOptions {
  /** Per-attempt timeout, ms. Strava: 2000. */
  timeoutMs: number;
  /** Total attempts per event. Strava: 3. */
  maxAttempts: number;
  /** Real-time wait before a retry, ms (Strava's is minutes; keep small in tests). */
  retryDelayMs: number;
  /** Probability (0..1) that an event is sent a second time after it was delivered. */
  duplicateRate: number;
  /** Buffer events for `batchWindowMs` and deliver each batch in reverse order. */
  outOfOrder: boolean;
  batchWindowMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  timeoutMs: 2000,
  maxAttempts: 3,
  retryDelayMs: 1000,
  duplicateRate: 0,
  outOfOrder: false,
  batchWindowMs: 50,
};

export interface DeliveryAttempt {
  status: number | null;
  error?: string;
  durationMs: number;
}

export interface DeliveryRecord {
  event: WebhookEvent;
  callbackUrl: string;
  duplicate: boolean;
  attempts: DeliveryAttempt[];
  outcome: 'pending' | 'delivered' | 'failed';
}

export interface DeliveryStats {
  events: number;
  attempts: number;
  delivered: number;
  failed: number;
  duplicatesSent: number;
  pending: number;
}

/**
 * Delivers events to the subscription callback like Strava: POST JSON, success only on HTTP 200 within the
 * timeout, otherwise retried up to `maxAttempts` in total. First attempts go out one at a time in event order
 * (unless `outOfOrder`); retries run independently, so later events can overtake a failing one.
 */
export class DeliveryQueue {
  readonly records: DeliveryRecord[] = [];
  private chain: Promise<void> = Promise.resolve();
  private inFlight = new Set<Promise<void>>();
  private buffer: Array<{ event: WebhookEvent; url: string }> = [];
  private bufferTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    public options: DeliveryOptions,
    private readonly prng: Prng,
  ) {}

  enqueue(event: WebhookEvent, callbackUrl: string): void {
    if (this.stopped) return;
    if (!this.options.outOfOrder) return this.start(event, callbackUrl, false);
    this.buffer.push({ event, url: callbackUrl });
    this.bufferTimer ??= setTimeout(() => this.release(), this.options.batchWindowMs);
  }

  /** Resolves once every queued event has been delivered or has used up its attempts. */
  async flush(): Promise<void> {
    this.release();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  stats(): DeliveryStats {
    const r = this.records;
    return {
      events: r.filter((x) => !x.duplicate).length,
      attempts: r.reduce((s, x) => s + x.attempts.length, 0),
      delivered: r.filter((x) => x.outcome === 'delivered').length,
      failed: r.filter((x) => x.outcome === 'failed').length,
      duplicatesSent: r.filter((x) => x.duplicate).length,
      pending: r.filter((x) => x.outcome === 'pending').length + this.buffer.length,
    };
  }

  stop(): void {
    this.stopped = true;
    if (this.bufferTimer) clearTimeout(this.bufferTimer);
    this.buffer = [];
  }

  private release(): void {
    if (this.bufferTimer) clearTimeout(this.bufferTimer);
    this.bufferTimer = null;
    const batch = this.buffer.reverse();
    this.buffer = [];
    for (const b of batch) this.start(b.event, b.url, false);
  }

  private start(event: WebhookEvent, url: string, duplicate: boolean): void {
    const rec: DeliveryRecord = { event, callbackUrl: url, duplicate, attempts: [], outcome: 'pending' };
    this.records.push(rec);
    const first = this.chain.then(() => this.attempt(rec));
    this.chain = first.then(() => undefined);
    this.track(first.then((ok) => this.afterAttempt(rec, ok)));
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async afterAttempt(rec: DeliveryRecord, ok: boolean): Promise<void> {
    if (ok) {
      rec.outcome = 'delivered';
      if (!rec.duplicate && this.prng.chance(this.options.duplicateRate))
        this.start(rec.event, rec.callbackUrl, true);
      return;
    }
    if (rec.attempts.length >= this.options.maxAttempts || this.stopped) {
      rec.outcome = 'failed';
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
    if (this.stopped) {
      rec.outcome = 'failed';
      return;
    }
    await this.afterAttempt(rec, await this.attempt(rec));
  }

  private async attempt(rec: DeliveryRecord): Promise<boolean> {
    const started = performance.now();
    try {
      const res = await fetch(rec.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stringifyJson(rec.event),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      rec.attempts.push({ status: res.status, durationMs: Math.round(performance.now() - started) });
      return res.status === 200;
    } catch (err) {
      const name = (err as { name?: unknown } | null)?.name;
      const error = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : String(err);
      rec.attempts.push({ status: null, error, durationMs: Math.round(performance.now() - started) });
      return false;
    }
  }
}
