import { stringifyJson, type WebhookEvent } from '../../../tools/strava-emulator';

export interface SendOutcome {
  /** Deliveries that got a 2xx in the end. */
  acked: number;
  /** Deliveries that never got a 2xx within the attempts (Strava gives up). */
  gaveUp: number;
  /** Attempts answered with anything but 2xx, or not answered within the timeout. */
  failedAttempts: number;
  /** Statuses >= 500 other than 503 (our "retry later"): each one is a bug. */
  serverErrors: number;
  statusCounts: Record<string, number>;
  /** Bodies that got a 2xx: the events the service must not lose (I1). */
  ackedEvents: WebhookEvent[];
}

/**
 * Emulates Strava's webhook sender as reliability.md section 8 describes it: POST the JSON event, success
 * only on a 2xx within 2 s, up to 3 attempts in total with a pause between them, many events in flight
 * at once (Strava delivers in parallel). The event list is sent in the given order (the caller shuffles).
 */
export async function sendEvents(
  url: string,
  events: WebhookEvent[],
  opts: {
    concurrency?: number;
    timeoutMs?: number;
    maxAttempts?: number;
    retryDelayMs?: number;
    /** Awaited before event `index` is sent (pacing). */
    before?: (index: number) => Promise<void>;
  } = {},
): Promise<SendOutcome> {
  const concurrency = opts.concurrency ?? 16;
  const out: SendOutcome = {
    acked: 0,
    gaveUp: 0,
    failedAttempts: 0,
    serverErrors: 0,
    statusCounts: {},
    ackedEvents: [],
  };
  let next = 0;
  const lane = async () => {
    while (next < events.length) {
      const index = next++;
      const event = events[index]!;
      if (opts.before) await opts.before(index);
      if (await deliver(url, event, out, opts)) {
        out.acked++;
        out.ackedEvents.push(event);
      } else {
        out.gaveUp++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}

async function deliver(
  url: string,
  event: WebhookEvent,
  out: SendOutcome,
  opts: { timeoutMs?: number; maxAttempts?: number; retryDelayMs?: number },
): Promise<boolean> {
  const attempts = opts.maxAttempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const status = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stringifyJson(event),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 2000),
    }).then(
      async (res) => {
        await res.arrayBuffer().catch(() => undefined);
        return res.status;
      },
      () => 0,
    );
    out.statusCounts[status] = (out.statusCounts[status] ?? 0) + 1;
    if (status >= 200 && status < 300) return true;
    out.failedAttempts++;
    if (status >= 500 && status !== 503) out.serverErrors++;
    if (attempt < attempts) await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 1000));
  }
  return false;
}
