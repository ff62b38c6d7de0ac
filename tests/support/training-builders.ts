import type { Queryable } from '../../db/pool';
import { encodeStreams } from '../../db/queries/activity-streams';

let nextStravaId = 70_000_000 + Math.floor(Math.random() * 1e6) * 10;
let nextActivityId = 15_000_000_000 + Math.floor(Math.random() * 1e8) * 10;

export interface AthleteOverrides {
  timeZone?: string;
  sex?: 'M' | 'F' | null;
  physiology?: Record<string, unknown>;
  email?: string | null;
}

/** An athlete (and its app_user) as the OAuth callback would leave it; with `email`, confirmed. */
export async function insertAthleteRow(
  db: Queryable,
  o: AthleteOverrides = {},
): Promise<{ athleteId: string; userId: string }> {
  const { rows: u } = await db.query<{ id: string }>(
    `insert into app_user (role, display_name, email, email_confirmed_at)
     values ('athlete', 'Test Athlete', $1::text, case when $1::text is null then null else now() end) returning id`,
    [o.email ?? null],
  );
  const { rows } = await db.query<{ id: string }>(
    `insert into athlete (user_id, strava_athlete_id, firstname, lastname, sex, time_zone, physiology_entered, backfill_status)
     values ($1, $2, 'Test', 'Athlete', $3, $4, $5, 'done') returning id`,
    [
      u[0]!.id,
      String((nextStravaId += 1)),
      o.sex === undefined ? 'M' : o.sex,
      o.timeZone ?? 'UTC',
      JSON.stringify(o.physiology ?? {}),
    ],
  );
  return { athleteId: rows[0]!.id, userId: u[0]!.id };
}

export interface ActivityOverrides {
  id?: string;
  name?: string;
  sportType?: string;
  /** UTC instant. */
  startDate: string;
  /** Local wall clock; defaults to startDate without the Z (a UTC athlete). */
  startDateLocal?: string;
  movingTimeS?: number;
  distanceM?: number;
  elevationGainM?: number;
  averageHeartrateBpm?: number | null;
  workoutType?: number | null;
  rpe?: number | null;
  streams?: Record<string, number[]>;
}

/** An activity as the sync job stores it (streams optional), without metrics. Returns its id. */
export async function insertActivityRow(
  db: Queryable,
  athleteId: string,
  o: ActivityOverrides,
): Promise<string> {
  const id = o.id ?? String((nextActivityId += 1));
  const local = o.startDateLocal ?? o.startDate.replace(/Z$/, '');
  const moving = o.movingTimeS ?? 3600;
  await db.query(
    `insert into activity (id, athlete_id, name, sport_type, start_date, start_date_local, local_date, moving_time_s,
                           elapsed_time_s, distance_m, total_elevation_gain_m, average_heartrate_bpm, workout_type, rpe, streams_status)
     values ($1, $2, $3, $4, $5, $6, $6::timestamp::date, $7, $7, $8, $9, $10, $11, $12, $13)`,
    [
      id,
      athleteId,
      o.name ?? 'Morning Run',
      o.sportType ?? 'Run',
      o.startDate,
      local,
      moving,
      o.distanceM ?? 10_000,
      o.elevationGainM ?? 0,
      o.averageHeartrateBpm === undefined ? 150 : o.averageHeartrateBpm,
      o.workoutType ?? null,
      o.rpe ?? null,
      o.streams ? 'stored' : 'none',
    ],
  );
  if (o.streams) {
    await db.query(
      `insert into activity_stream (activity_id, sample_count, keys, data_gz) values ($1, $2, $3, $4)`,
      [id, o.streams.time?.length ?? 0, Object.keys(o.streams), encodeStreams(o.streams)],
    );
  }
  return id;
}

/** A 1 Hz run: `durationS` seconds at `hrBpm`, at `speedMps`, on a constant `gradePct`. */
export function steadyRunStreams(
  durationS: number,
  hrBpm: number,
  speedMps: number,
  gradePct: number,
): Record<string, number[]> {
  const time = Array.from({ length: durationS }, (_, i) => i);
  let altitude = 1000;
  return {
    time,
    heartrate: time.map(() => hrBpm),
    velocity_smooth: time.map(() => speedMps),
    grade_smooth: time.map(() => gradePct),
    distance: time.map((t) => t * speedMps),
    altitude: time.map(() => (altitude += (speedMps * gradePct) / 100)),
    moving: time.map(() => 1),
  };
}
