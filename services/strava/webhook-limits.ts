import type { Deps } from '../deps';
import { windowBounds } from './rate-budget';

/**
 * How much Strava work webhook events may cause per athlete: STRAVA_WEBHOOK_ATHLETE_LIMIT checks per
 * athlete per Strava 15-minute window (shared by every worker through Redis). Events past it are not
 * lost: the caller folds them into one listing of the athlete at the window's end, which costs one call
 * whatever the number of events (forged or real).
 */
export interface AthleteCheckSlot {
  /** True when the event may trigger its own Strava check now. */
  granted: boolean;
  /** Start and end (epoch ms) of the current window. */
  windowStartMs: number;
  windowEndMs: number;
}

export async function takeAthleteCheck(deps: Deps, athleteId: string): Promise<AthleteCheckSlot> {
  const now = deps.clock();
  const { windowStartMs, windowEndMs } = windowBounds(now);
  const key = `${deps.config.queuePrefix}:strava:webhook-checks:${athleteId}:${windowStartMs}`;
  const [[, n]] = (await deps.redis
    .multi()
    .incr(key)
    .pexpire(key, windowEndMs - now + 60_000)
    .exec()) as [[Error | null, number]];
  return { granted: n <= deps.config.strava.webhookAthleteLimit, windowStartMs, windowEndMs };
}
