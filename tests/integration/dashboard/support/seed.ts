import type { Queryable } from '../../../../db/pool';
import { addDays, buildDailySeries } from '../../../../services/domain/load';

const SHARES = {
  calves: 0.24,
  quads: 0.26,
  hamstrings: 0.14,
  glutesHips: 0.2,
  lowerBack: 0.06,
  neckShoulders: 0.05,
  arms: 0.05,
};
let nextActivityId = 9_000_000_000 + Math.floor(Math.random() * 1e8) * 10;

export interface SeedOptions {
  /** Last day with data (athlete-local), YYYY-MM-DD. */
  endDate: string;
  days: number;
  /** Load of day i (0 = first day); 0 = rest day. Default: a weekly pattern with one rest day. */
  loadOf?: (i: number) => number;
  title?: (i: number) => string;
  /** Also write daily_series rows (as the recompute job would). Default true. */
  writeSeries?: boolean;
}

const defaultLoad = (i: number) => (i % 7 === 6 ? 0 : 40 + ((i * 37) % 60));

/**
 * Writes `days` of history for one athlete: one run per training day (activity + activity_metric with
 * area loads), and the daily_series the pure engine computes from them. Bulk statements (unnest), so 3
 * years for 100 athletes seeds in seconds.
 */
export async function seedHistory(
  db: Queryable,
  athleteId: string,
  opts: SeedOptions,
): Promise<{ activityIds: string[] }> {
  const start = addDays(opts.endDate, -(opts.days - 1))!;
  const loadOf = opts.loadOf ?? defaultLoad;
  const ids: string[] = [],
    names: string[] = [],
    starts: string[] = [],
    dates: string[] = [],
    loads: number[] = [],
    areas: string[] = [];
  for (let i = 0; i < opts.days; i++) {
    const load = loadOf(i);
    if (load <= 0) continue;
    const day = addDays(start, i)!;
    ids.push(String((nextActivityId += 1)));
    names.push(opts.title?.(i) ?? `Run ${i}`);
    starts.push(`${day}T07:00:00Z`);
    dates.push(day);
    loads.push(load);
    const areaLoadsAu = Object.fromEntries(Object.entries(SHARES).map(([k, s]) => [k, load * s]));
    areas.push(
      JSON.stringify({
        areaLoadsAu,
        eccentricLoadsAu: Object.fromEntries(Object.keys(SHARES).map((k) => [k, 0])),
      }),
    );
  }
  await db.query(
    `insert into activity (id, athlete_id, name, sport_type, start_date, start_date_local, local_date, moving_time_s, distance_m, streams_status)
     select id::bigint, $1, name, 'Run', st::timestamptz, st::timestamp, d::date, 3600, 10000, 'none'
     from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(id, name, st, d)`,
    [athleteId, ids, names, starts, dates],
  );
  await db.query(
    `insert into activity_metric (activity_id, athlete_id, local_date, load, method, confidence, area_loads, model_version)
     select id::bigint, $1, d::date, l, 'hrssAverage', 'medium', a::jsonb, 'test'
     from unnest($2::text[], $3::text[], $4::float8[], $5::text[]) as t(id, d, l, a)`,
    [athleteId, ids, dates, loads, areas],
  );
  if (opts.writeSeries !== false)
    await writeSeries(
      db,
      athleteId,
      dates.map((d, i) => ({ localDate: d, load: loads[i]! })),
      start,
      opts.endDate,
    );
  return { activityIds: ids };
}

async function writeSeries(
  db: Queryable,
  athleteId: string,
  entries: { localDate: string; load: number }[],
  start: string,
  end: string,
): Promise<void> {
  const { points } = buildDailySeries(entries, { lastDate: end, historyStartDate: start });
  await db.query(
    `insert into daily_series (athlete_id, day, load, ctl, atl, tsb, ramp7, load_spike_ratio, monotony, strain, calibrating,
                               history_day, tsb_end_of_day, acute_load, chronic_load)
     select $1, d::date, l, c, a, t, r, s, m, st, cal, hd, te, ac, ch
     from unnest($2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::bool[],
                 $12::int[], $13::float8[], $14::float8[], $15::float8[])
       as x(d, l, c, a, t, r, s, m, st, cal, hd, te, ac, ch)`,
    [
      athleteId,
      points.map((p) => p.date),
      points.map((p) => p.load),
      points.map((p) => p.ctl),
      points.map((p) => p.atl),
      points.map((p) => p.tsb),
      points.map((p) => p.rampRate),
      points.map((p) => p.loadSpikeRatio),
      points.map((p) => p.monotony),
      points.map((p) => p.strain),
      points.map((p) => p.calibrating),
      points.map((p) => p.historyDay),
      points.map((p) => p.tsbEndOfDay),
      points.map((p) => p.acuteLoad),
      points.map((p) => p.chronicLoad),
    ],
  );
}

/** Today's date in UTC, YYYY-MM-DD. */
export function utcToday(nowMs = Date.now()): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}
