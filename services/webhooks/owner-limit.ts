import type { Deps } from '../deps';
import { windowBounds } from '../strava/rate-budget';

/**
 * The web side of the per-athlete limit: per Strava 15-minute window, the first
 * STRAVA_WEBHOOK_ATHLETE_LIMIT + 1 activity events of one owner get a job; later ones are recorded but
 * get none, so a flood aimed at one athlete does not queue ahead of everyone else's real events. Nothing
 * is lost: the worker folds the (limit + 1)th event into one listing of the athlete at the window's end,
 * which covers every event of the window. Per process (the ack never waits on Redis); with several web
 * processes each enqueues its own first few, still bounded.
 */
export interface OwnerLimit {
  /** True when this owner's event should get its job now. */
  admit(ownerId: string): boolean;
}

const limits = new WeakMap<Deps, OwnerLimit>();
const MAX_OWNERS = 100_000;

export function ownerLimitFor(deps: Deps): OwnerLimit {
  let limit = limits.get(deps);
  if (!limit) {
    const allowed = deps.config.strava.webhookAthleteLimit + 1;
    let windowStartMs = 0;
    let counts = new Map<string, number>();
    limit = {
      admit(ownerId) {
        const w = windowBounds(deps.clock()).windowStartMs;
        if (w !== windowStartMs || counts.size > MAX_OWNERS) {
          windowStartMs = w;
          counts = new Map();
        }
        const n = (counts.get(ownerId) ?? 0) + 1;
        counts.set(ownerId, n);
        return n <= allowed;
      },
    };
    limits.set(deps, limit);
  }
  return limit;
}
