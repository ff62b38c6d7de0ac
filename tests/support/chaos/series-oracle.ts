import type { Deps } from '../../../services/deps';
import { recomputeAthlete } from '../../../services/training/recompute-athlete';

export interface SeriesComparison {
  days: number;
  activities: number;
  differences: number;
  /** A few differing rows, for the printed report. */
  sample: string;
}

type Snapshot = Map<string, string>;

const SERIES_SQL = `select athlete_id || ' ' || day::text as k,
  concat_ws(' ', round(load::numeric, 9), round(ctl::numeric, 9), round(atl::numeric, 9), round(tsb::numeric, 9)) as v
  from daily_series`;
const METRIC_SQL = `select activity_id::text as k, concat_ws(' ', local_date, round(load::numeric, 9), method) as v
  from activity_metric`;

async function snapshot(deps: Deps, sql: string): Promise<Snapshot> {
  const { rows } = await deps.db.query<{ k: string; v: string }>(sql);
  return new Map(rows.map((r) => [r.k, r.v]));
}

function diff(a: Snapshot, b: Snapshot): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(`${k}: ${v} vs ${b.get(k) ?? 'absent'}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k}: absent vs ${b.get(k)}`);
  return out;
}

/**
 * "Daily series equal to a clean run": snapshots what the chaos run left (per-activity loads and daily
 * series), recomputes every athlete from their first activity with no shortcuts (the same code path a
 * clean, fault-free run ends in, since the stored activities were checked against Strava by I2), and
 * compares row by row, to 9 decimals. Runs in this process with the service processes stopped; an
 * unchanged database is also the idempotency check of the recompute.
 */
export async function compareWithFromScratch(deps: Deps): Promise<SeriesComparison> {
  const beforeSeries = await snapshot(deps, SERIES_SQL);
  const beforeMetrics = await snapshot(deps, METRIC_SQL);
  const { rows } = await deps.db.query<{ athlete_id: string; first: string }>(
    `select athlete_id, min(local_date)::text as first from activity group by 1`,
  );
  for (const r of rows) {
    await recomputeAthlete(deps, { athleteId: r.athlete_id, fromDate: r.first, recomputeActivities: true });
  }
  const metricDiffs = diff(beforeMetrics, await snapshot(deps, METRIC_SQL));
  const seriesDiffs = diff(beforeSeries, await snapshot(deps, SERIES_SQL));
  const differences = [...metricDiffs, ...seriesDiffs];
  return {
    days: beforeSeries.size,
    activities: beforeMetrics.size,
    differences: differences.length,
    sample: differences.length
      ? ` (${metricDiffs.length} activity metrics, ${seriesDiffs.length} series days; e.g. ${differences.slice(0, 3).join('; ')})`
      : '',
  };
}
