import type { Queryable } from '../pool';

export type ConnectionState = 'connected' | 'needs_reconnect' | 'disconnected';

/** What the Strava side of Kneadwise needs to know about an athlete. */
export interface AthleteConnection {
  id: string;
  userId: string | null;
  /** Strava's athlete id, 64-bit as a decimal string. */
  stravaAthleteId: string;
  firstname: string;
  lastname: string;
  connectionState: ConnectionState;
  grantedScopes: string;
  backfillStatus: 'pending' | 'summaries' | 'streams' | 'done' | 'failed';
  backfillTotal: number;
  backfillSummariesDone: number;
  backfillStreamsDone: number;
  createdAt: Date;
}

const COLUMNS = `id, user_id, strava_athlete_id::text as strava_athlete_id, firstname, lastname, connection_state,
  granted_scopes, backfill_status, backfill_total, backfill_summaries_done, backfill_streams_done, created_at`;

interface Row {
  id: string;
  user_id: string | null;
  strava_athlete_id: string;
  firstname: string;
  lastname: string;
  connection_state: ConnectionState;
  granted_scopes: string;
  backfill_status: AthleteConnection['backfillStatus'];
  backfill_total: number;
  backfill_summaries_done: number;
  backfill_streams_done: number;
  created_at: Date;
}

const toConnection = (r: Row): AthleteConnection => ({
  id: r.id,
  userId: r.user_id,
  stravaAthleteId: r.strava_athlete_id,
  firstname: r.firstname,
  lastname: r.lastname,
  connectionState: r.connection_state,
  grantedScopes: r.granted_scopes,
  backfillStatus: r.backfill_status,
  backfillTotal: r.backfill_total,
  backfillSummariesDone: r.backfill_summaries_done,
  backfillStreamsDone: r.backfill_streams_done,
  createdAt: r.created_at,
});

export async function findAthleteById(db: Queryable, athleteId: string): Promise<AthleteConnection | null> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from athlete where id = $1`, [athleteId]);
  return rows[0] ? toConnection(rows[0]) : null;
}

/** Looks an athlete up by Strava's id (a webhook's owner_id), given as a decimal string. */
export async function findAthleteByStravaId(
  db: Queryable,
  stravaAthleteId: string,
): Promise<AthleteConnection | null> {
  const { rows } = await db.query<Row>(
    `select ${COLUMNS} from athlete where strava_athlete_id = $1::bigint`,
    [stravaAthleteId],
  );
  return rows[0] ? toConnection(rows[0]) : null;
}

export interface ConnectedAthleteInput {
  stravaAthleteId: string;
  firstname: string;
  lastname: string;
  sex: 'M' | 'F' | null;
  grantedScopes: string;
  connectionState: ConnectionState;
}

/**
 * Creates or updates the athlete (and their app_user, role athlete) after a successful OAuth exchange.
 * Run inside a transaction; a per-Strava-id advisory lock makes two simultaneous callbacks of the same
 * athlete converge on one row. Returns the athlete and whether it was created now.
 */
export async function upsertConnectedAthlete(
  db: Queryable,
  a: ConnectedAthleteInput,
): Promise<{ athlete: AthleteConnection; created: boolean }> {
  await db.query(`select pg_advisory_xact_lock(hashtextextended('strava-athlete:' || $1, 0))`, [
    a.stravaAthleteId,
  ]);
  const existing = await findAthleteByStravaId(db, a.stravaAthleteId);
  let userId = existing?.userId ?? null;
  const displayName = `${a.firstname} ${a.lastname}`.trim();
  if (userId === null) {
    const { rows } = await db.query<{ id: string }>(
      `insert into app_user (role, display_name) values ('athlete', $1) returning id`,
      [displayName],
    );
    userId = rows[0]?.id ?? null;
  } else {
    await db.query('update app_user set display_name = $2 where id = $1', [userId, displayName]);
  }
  const { rows } = await db.query<Row>(
    `insert into athlete (user_id, strava_athlete_id, firstname, lastname, sex, granted_scopes, connection_state)
     values ($1, $2::bigint, $3, $4, $5, $6, $7)
     on conflict (strava_athlete_id) do update set
       user_id = excluded.user_id, firstname = excluded.firstname, lastname = excluded.lastname, sex = excluded.sex,
       granted_scopes = excluded.granted_scopes, connection_state = excluded.connection_state, updated_at = now()
     returning ${COLUMNS}`,
    [userId, a.stravaAthleteId, a.firstname, a.lastname, a.sex, a.grantedScopes, a.connectionState],
  );
  const row = rows[0];
  if (!row) throw new Error('athlete upsert returned no row');
  return { athlete: toConnection(row), created: existing === null };
}

/**
 * Marks an athlete whose Strava access failed for good (refresh rejected, token revoked) as needing to
 * reconnect. Idempotent; a no-op for an athlete already deleted.
 */
export async function markAthleteNeedsReconnect(db: Queryable, athleteId: string): Promise<void> {
  await db.query(
    `update athlete set connection_state = 'needs_reconnect', updated_at = now()
      where id = $1 and connection_state <> 'needs_reconnect'`,
    [athleteId],
  );
}

/**
 * Adopts the IANA zone Strava recorded with one of the athlete's activities when it is their newest
 * (where they are now), unless the athlete chose a zone themselves. Returns whether it changed.
 */
export async function adoptStravaTimeZone(
  db: Queryable,
  athleteId: string,
  activityId: string,
  zone: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update athlete set time_zone = $3, time_zone_source = 'strava', updated_at = now()
     where id = $1 and time_zone_source <> 'athlete' and time_zone is distinct from $3
       and not exists (select 1 from activity n where n.athlete_id = $1
                       and n.start_date > (select start_date from activity where id = $2::bigint))`,
    [athleteId, activityId, zone],
  );
  return (rowCount ?? 0) > 0;
}

/** The athlete's own choice of zone (settings); Strava's never overrides it afterwards. */
export async function saveChosenTimeZone(db: Queryable, athleteId: string, zone: string): Promise<void> {
  await db.query(
    `update athlete set time_zone = $2, time_zone_source = 'athlete', updated_at = now() where id = $1`,
    [athleteId, zone],
  );
}
