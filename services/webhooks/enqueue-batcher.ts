import type { Deps } from '../deps';

/** Flush after this long or this many events, whichever comes first. */
const FLUSH_AFTER_MS = 10;
const FLUSH_AT_COUNT = 100;
/** A flush that Redis does not confirm within this bound is left to the inbox sweeper. */
const FLUSH_DEADLINE_MS = 1000;

export interface EnqueueBatcher {
  add(inboxId: string): void;
}

const batchers = new WeakMap<Deps, EnqueueBatcher>();

/**
 * Queues 'process-webhook-event' jobs for freshly stored inbox rows in batches (one Redis round trip per
 * batch instead of several per event), after the 200 has gone out. Best effort by design: the inbox row
 * is already durable, and the sweep-inbox job re-enqueues any row whose job never arrived.
 */
export function enqueueBatcherFor(deps: Deps): EnqueueBatcher {
  let batcher = batchers.get(deps);
  if (!batcher) {
    batcher = createBatcher(deps);
    batchers.set(deps, batcher);
  }
  return batcher;
}

function createBatcher(deps: Deps): EnqueueBatcher {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const ids = pending;
    pending = [];
    if (ids.length === 0) return;
    let deadline: NodeJS.Timeout | undefined;
    const bounded = Promise.race([
      deps.queues.enqueueBulk(
        'process-webhook-event',
        ids.map((inboxId) => ({ inboxId })),
      ),
      new Promise<never>((_, reject) => {
        deadline = setTimeout(
          () => reject(new Error(`no answer within ${FLUSH_DEADLINE_MS} ms`)),
          FLUSH_DEADLINE_MS,
        );
      }),
    ]);
    bounded
      .catch((err: Error) => {
        deps.logger.warn(
          { err: err.message, events: ids.length },
          'enqueue not confirmed; the inbox sweeper will check',
        );
      })
      .finally(() => clearTimeout(deadline));
  };
  return {
    add(inboxId) {
      pending.push(inboxId);
      if (pending.length >= FLUSH_AT_COUNT) flush();
      else if (!timer) timer = setTimeout(flush, FLUSH_AFTER_MS);
    },
  };
}
