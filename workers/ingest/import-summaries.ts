import { withTransaction } from '../../db/pool';
import {
  getActivityStates,
  getTombstoneS,
  lockActivity,
  tombstonedIds,
  upsertActivity,
  type ActivityState,
} from '../../db/queries/activities';
import { activityInputsHash } from '../../db/queries/activity-inputs';
import { hasScope, type SyncAthlete } from '../../db/queries/athlete-sync';
import type { Deps } from '../../services/deps';
import type { StravaActivity } from '../../services/strava/api';
import { isOnlyMe, toActivityFields, type ActivityFields } from '../../services/strava/activity-mapper';
import { adoptActivityTimeZone } from './adopt-time-zone';
import { earlierDate } from './enqueue';
import { stravaApiFor } from '../../services/strava/client';

const PER_PAGE = 200;
/** 200 x 100 = 20,000 activities: far beyond any real history window, a guard against a looping API. */
const MAX_PAGES = 100;

export interface ImportResult {
  /** Activities Strava listed in the window (ours and visible to our scopes). */
  listed: Set<string>;
  /** Ids that were not stored before this import. */
  newIds: string[];
  /** Earliest local day whose load may have changed, or null when nothing changed. */
  earliestChangedDate: string | null;
  /** Newest start instant listed, epoch ms. */
  newestStartMs: number | null;
}

/**
 * Lists the athlete's activities started after `afterS` (epoch seconds), 200 per page on the 'backfill'
 * budget, and upserts every new or changed summary (streams 'pending'). Tombstoned activities are never
 * brought back, and private ones are skipped without activity:read_all. One call per page; idempotent.
 */
export async function importSummaries(
  deps: Deps,
  athlete: SyncAthlete,
  afterS: number,
): Promise<ImportResult> {
  const result: ImportResult = {
    listed: new Set(),
    newIds: [],
    earliestChangedDate: null,
    newestStartMs: null,
  };
  for (let page = 1; page <= MAX_PAGES; page++) {
    const fetchedAt = new Date(deps.clock());
    const list = await stravaApiFor(deps).listActivities(
      athlete.id,
      { after: afterS, page, perPage: PER_PAGE },
      'backfill',
    );
    await importPage(deps, athlete, list, fetchedAt, result);
    if (list.length < PER_PAGE) break;
  }
  return result;
}

async function importPage(
  deps: Deps,
  athlete: SyncAthlete,
  list: StravaActivity[],
  fetchedAt: Date,
  result: ImportResult,
) {
  const visible = list.filter(
    (a) =>
      a.athleteId === athlete.stravaAthleteId && (!isOnlyMe(a) || hasScope(athlete, 'activity:read_all')),
  );
  const ids = visible.map((a) => a.id);
  const [tombs, states] = await Promise.all([tombstonedIds(deps.db, ids), getActivityStates(deps.db, ids)]);
  for (const a of visible) {
    if (tombs.has(a.id)) continue;
    const fields = toActivityFields(a, athlete.id);
    result.listed.add(a.id);
    const startMs = Date.parse(fields.startDate);
    result.newestStartMs = Math.max(result.newestStartMs ?? startMs, startMs);
    const before = states.get(a.id);
    if (before && !summaryChanged(before, fields)) continue;
    if (!(await upsertUnlessDeleted(deps, fields, fetchedAt))) continue;
    if (!before) result.newIds.push(a.id);
    result.earliestChangedDate = earlierDate(
      result.earliestChangedDate,
      earlierDate(before?.localDate, fields.localDate),
    );
  }
  const newest = visible.find((a) => Date.parse(a.start_date) === result.newestStartMs);
  if (newest && result.listed.has(newest.id))
    await adoptActivityTimeZone(deps, athlete.id, { id: newest.id, timezone: newest.timezone ?? null });
}

/**
 * A listed summary is written when what the numbers or the privacy rules depend on changed. Titles are
 * not compared: a rename reaches us as a webhook update, and after the 7-day purge we hold no title.
 */
function summaryChanged(before: ActivityState, after: ActivityFields): boolean {
  return before.inputsHash !== activityInputsHash(after) || before.private !== after.private;
}

async function upsertUnlessDeleted(deps: Deps, fields: ActivityFields, fetchedAt: Date): Promise<boolean> {
  return withTransaction(deps.db, async (tx) => {
    await lockActivity(tx, fields.id);
    if ((await getTombstoneS(tx, fields.id)) !== null) return false;
    await upsertActivity(tx, fields, fetchedAt);
    return true;
  });
}
