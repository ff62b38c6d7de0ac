import type { Queryable } from '../pool';

export interface RaceRow {
  id: string;
  raceDate: string;
  name: string;
  priority: 'A' | 'B' | 'C';
}

const RACE_COLUMNS = `id, to_char(race_date, 'YYYY-MM-DD') as "raceDate", name, priority`;

/** Races on or after `fromDate` (athlete-local YYYY-MM-DD), soonest first. */
export async function listRaces(db: Queryable, athleteId: string, fromDate: string): Promise<RaceRow[]> {
  const { rows } = await db.query<RaceRow>(
    `select ${RACE_COLUMNS} from race where athlete_id = $1 and race_date >= $2 order by race_date, priority, name`,
    [athleteId, fromDate],
  );
  return rows;
}

export async function countRaces(db: Queryable, athleteId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from race where athlete_id = $1`,
    [athleteId],
  );
  return rows[0]?.n ?? 0;
}

export async function insertRace(
  db: Queryable,
  athleteId: string,
  race: Omit<RaceRow, 'id'>,
): Promise<RaceRow> {
  const { rows } = await db.query<RaceRow>(
    `insert into race (athlete_id, race_date, name, priority) values ($1, $2, $3, $4) returning ${RACE_COLUMNS}`,
    [athleteId, race.raceDate, race.name, race.priority],
  );
  const row = rows[0];
  if (!row) throw new Error('race insert returned no row');
  return row;
}

/** Deletes one of the athlete's races; null when it is not theirs or does not exist. */
export async function deleteRace(db: Queryable, athleteId: string, raceId: string): Promise<RaceRow | null> {
  const { rows } = await db.query<RaceRow>(
    `delete from race where athlete_id = $1 and id = $2 returning ${RACE_COLUMNS}`,
    [athleteId, raceId],
  );
  return rows[0] ?? null;
}
