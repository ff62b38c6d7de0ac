import { createHmac } from 'node:crypto';
import { deleteAthleteEverything, type AthleteDeletion } from '../db/queries/athlete-deletion';
import { scrubRedis } from './queue/redis-scrub';
import type { Deps } from './deps';

/**
 * What the logs say instead of an erased athlete's id (issue 15, row 13): a keyed hash. Logs alone do
 * not tell who left; an operator who is asked "was athlete X deleted?" recomputes it with the secret.
 */
export function erasureRef(deps: Deps, athleteId: string): string {
  const mac = createHmac('sha256', deps.config.sessionSecret).update(`erasure:${athleteId}`);
  return `erased-${mac.digest('base64url').slice(0, 16)}`;
}

/**
 * Erases an athlete: every row (deleteAthleteEverything), their queued jobs, and whatever under the
 * queue prefix still names them in Redis. Redis failures never block leaving: the rows are what count,
 * and jobs find the athlete gone.
 */
export async function eraseAthlete(
  deps: Deps,
  athleteId: string,
): Promise<AthleteDeletion & { jobsRemoved: number; redisRemoved: number }> {
  const deletion = await deleteAthleteEverything(deps.db, athleteId);
  const jobsRemoved = await deps.queues.removeJobsOfAthlete(athleteId).catch(() => 0);
  const needles = [athleteId, deletion.userId ?? ''];
  const redisRemoved = await scrubRedis(deps.redis, deps.config.queuePrefix, needles).catch(() => 0);
  return { ...deletion, jobsRemoved, redisRemoved };
}
