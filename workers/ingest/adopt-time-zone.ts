import { adoptStravaTimeZone } from '../../db/queries/athletes';
import type { Deps } from '../../services/deps';
import { ianaFromStravaTimezone } from '../../services/domain/athlete-calendar';

/**
 * Keeps `athlete.time_zone` true: the zone of the athlete's newest activity, as Strava recorded it
 * ("(GMT+05:30) Asia/Kolkata"), becomes theirs unless they chose one in settings. A zone change moves
 * "today" for quiet hours, digests and dashboards; it never moves past activities (their day is the
 * date of their own local start time).
 */
export async function adoptActivityTimeZone(
  deps: Deps,
  athleteId: string,
  activity: { id: string; timezone: string | null },
): Promise<void> {
  const zone = ianaFromStravaTimezone(activity.timezone);
  if (!zone) return;
  if (await adoptStravaTimeZone(deps.db, athleteId, activity.id, zone))
    deps.logger.info({ athleteId, timeZone: zone }, "athlete's time zone taken from Strava");
}
