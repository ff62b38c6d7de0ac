import type { Queryable } from '../../db/pool';
import { selectAthleteProfile, type AthleteProfileRow } from '../../db/queries/dashboard';
import { localDateAt } from '../domain/athlete-calendar';

export type AthleteProfile = AthleteProfileRow & { today: string };

/**
 * The athlete page's profile with the athlete's local today at `nowMs`, from the one calendar
 * (services/domain/athlete-calendar.ts) that the recompute and the alert rules use too.
 */
export async function loadAthleteProfile(
  db: Queryable,
  athleteId: string,
  nowMs: number,
): Promise<AthleteProfile | null> {
  const row = await selectAthleteProfile(db, athleteId);
  return row ? { ...row, today: localDateAt(nowMs, row.timeZone) } : null;
}
