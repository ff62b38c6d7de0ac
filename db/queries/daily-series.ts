import type { DailyPoint } from '../../services/domain/load';
import type { Queryable } from '../pool';

/** A stored day: the load engine's DailyPoint, with the state an incremental recompute resumes from. */
export type SeriesDay = DailyPoint;

const COLUMNS = `to_char(day, 'YYYY-MM-DD') as date, history_day as "historyDay", load, ctl, atl, tsb,
  tsb_end_of_day as "tsbEndOfDay", coalesce(ramp7, 0) as "rampRate", acute_load as "acuteLoad",
  chronic_load as "chronicLoad", load_spike_ratio as "loadSpikeRatio", coalesce(monotony, 0) as monotony,
  coalesce(strain, 0) as strain, calibrating`;

/** The last `count` stored days before `beforeDate`, oldest first. */
export async function listSeriesBefore(
  db: Queryable,
  athleteId: string,
  beforeDate: string,
  count: number,
): Promise<SeriesDay[]> {
  const { rows } = await db.query<SeriesDay>(
    `select * from (select ${COLUMNS} from daily_series where athlete_id = $1 and day < $2::date
                    order by day desc limit $3) t order by date`,
    [athleteId, beforeDate, count],
  );
  return rows;
}

export async function latestSeriesDay(db: Queryable, athleteId: string): Promise<SeriesDay | null> {
  const { rows } = await db.query<SeriesDay>(
    `select ${COLUMNS} from daily_series where athlete_id = $1 order by day desc limit 1`,
    [athleteId],
  );
  return rows[0] ?? null;
}

/** Replaces the athlete's days from `fromDate` on with `days` (one statement for the insert). */
export async function replaceSeriesFrom(
  db: Queryable,
  athleteId: string,
  fromDate: string,
  days: readonly SeriesDay[],
): Promise<void> {
  await db.query('delete from daily_series where athlete_id = $1 and day >= $2::date', [athleteId, fromDate]);
  if (days.length === 0) return;
  const col = <K extends keyof SeriesDay>(k: K) => days.map((d) => d[k]);
  await db.query(
    `insert into daily_series (athlete_id, day, history_day, load, ctl, atl, tsb, tsb_end_of_day, ramp7,
                               acute_load, chronic_load, load_spike_ratio, monotony, strain, calibrating)
     select $1, * from unnest($2::date[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
                              $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[],
                              $13::float8[], $14::float8[], $15::bool[])`,
    [
      athleteId,
      col('date'),
      col('historyDay'),
      col('load'),
      col('ctl'),
      col('atl'),
      col('tsb'),
      col('tsbEndOfDay'),
      col('rampRate'),
      col('acuteLoad'),
      col('chronicLoad'),
      col('loadSpikeRatio'),
      col('monotony'),
      col('strain'),
      col('calibrating'),
    ],
  );
}

/** Deletes every stored day (before a full rebuild). */
export async function clearSeries(db: Queryable, athleteId: string): Promise<void> {
  await db.query('delete from daily_series where athlete_id = $1', [athleteId]);
}

/** First stored day, or null: a rebuild is needed when it no longer matches the first activity's day. */
export async function firstSeriesDay(db: Queryable, athleteId: string): Promise<string | null> {
  const { rows } = await db.query<{ d: string | null }>(
    `select to_char(min(day), 'YYYY-MM-DD') as d from daily_series where athlete_id = $1`,
    [athleteId],
  );
  return rows[0]?.d ?? null;
}

/** Each athlete's last stored day (athletes with a series only). */
export async function listLatestSeriesDays(db: Queryable): Promise<{ athleteId: string; day: string }[]> {
  const { rows } = await db.query<{ athleteId: string; day: string }>(
    `select athlete_id as "athleteId", to_char(max(day), 'YYYY-MM-DD') as day from daily_series group by athlete_id`,
  );
  return rows;
}
