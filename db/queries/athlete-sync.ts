import type { Queryable } from '../pool';

/**
 * The athlete columns the ingest jobs read and write: connection, scopes, import progress and the
 * reconciliation watermark. (Profile, tokens and deletion live in athletes.ts / strava-tokens.ts.)
 */
export interface SyncAthlete {
  id: string;
  stravaAthleteId: string;
  connectionState: 'connected' | 'needs_reconnect' | 'disconnected';
  /** Space- or comma-separated scopes as granted at OAuth time. */
  grantedScopes: string;
  hasZones: boolean;
  backfillStatus: 'pending' | 'summaries' | 'streams' | 'done' | 'failed';
  /** Epoch ms, or null before the first import. */
  syncWatermarkMs: number | null;
}

const COLUMNS = `id, strava_athlete_id::text as "stravaAthleteId", connection_state as "connectionState",
  granted_scopes as "grantedScopes", strava_zones is not null as "hasZones", backfill_status as "backfillStatus",
  (extract(epoch from sync_watermark) * 1000)::float8 as "syncWatermarkMs"`;

export async function getSyncAthlete(db: Queryable, athleteId: string): Promise<SyncAthlete | null> {
  const { rows } = await db.query<SyncAthlete>(`select ${COLUMNS} from athlete where id = $1`, [athleteId]);
  return rows[0] ?? null;
}

export async function findSyncAthleteByStravaId(
  db: Queryable,
  stravaAthleteId: string,
): Promise<SyncAthlete | null> {
  const { rows } = await db.query<SyncAthlete>(
    `select ${COLUMNS} from athlete where strava_athlete_id = $1::bigint`,
    [stravaAthleteId],
  );
  return rows[0] ?? null;
}

/** True when the athlete granted `scope` (Strava separates scopes with commas; we accept spaces too). */
export function hasScope(a: Pick<SyncAthlete, 'grantedScopes'>, scope: string): boolean {
  return a.grantedScopes.split(/[\s,]+/).includes(scope);
}

export async function listConnectedAthleteIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from athlete where connection_state = 'connected' order by id`,
  );
  return rows.map((r) => r.id);
}

/** Import phase and total; counts of done summaries/streams are recomputed from rows, never incremented. */
export async function setBackfillPhase(
  db: Queryable,
  athleteId: string,
  status: SyncAthlete['backfillStatus'],
  total?: number,
): Promise<void> {
  await db.query(
    `update athlete set backfill_status = $2, backfill_total = coalesce($3, backfill_total), updated_at = now() where id = $1`,
    [athleteId, status, total ?? null],
  );
}

/**
 * Recounts import progress from the activity rows: summaries imported, and activities whose streams are
 * settled (stored, none, or already purged). Marks the import 'done' once no activity waits for streams
 * (one whose stream fetch failed for good keeps its summary numbers; reconciliation does not retry it).
 */
export async function refreshBackfillProgress(db: Queryable, athleteId: string): Promise<void> {
  await db.query(
    `with c as (
       select count(*)::int as summaries,
              count(*) filter (where streams_status in ('stored', 'none', 'purged'))::int as streams,
              count(*) filter (where streams_status in ('pending'))::int as open
         from activity where athlete_id = $1)
     update athlete a set backfill_summaries_done = c.summaries, backfill_streams_done = c.streams,
            backfill_status = case when a.backfill_status = 'streams' and c.open = 0 then 'done'
                                   else a.backfill_status end,
            updated_at = now()
       from c where a.id = $1`,
    [athleteId],
  );
}

/** Moves the reconciliation watermark forward only (epoch ms). */
export async function advanceSyncWatermark(
  db: Queryable,
  athleteId: string,
  watermarkMs: number,
): Promise<void> {
  await db.query(
    `update athlete set sync_watermark = greatest(coalesce(sync_watermark, to_timestamp(0)), to_timestamp($2 / 1000.0)),
            updated_at = now() where id = $1`,
    [athleteId, watermarkMs],
  );
}

export async function setStravaZones(db: Queryable, athleteId: string, zones: unknown): Promise<void> {
  await db.query(`update athlete set strava_zones = $2::jsonb, updated_at = now() where id = $1`, [
    athleteId,
    JSON.stringify(zones),
  ]);
}
