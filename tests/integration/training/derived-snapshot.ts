import type { Db } from '../../../db/pool';

/** Every derived number of one athlete, as stored, for before/after comparisons. */
export interface DerivedSnapshot {
  metrics: {
    activityId: string;
    sportType: string;
    load: number;
    method: string;
    confidence: string;
    fromStreams: boolean;
    metrics: unknown;
    inputs: unknown;
    areaLoads: unknown;
  }[];
  series: Record<string, unknown>[];
  /** activity id -> computed_at, to count recomputations. */
  computedAt: Record<string, string>;
  /** Raw Strava data still held: stream rows and raw details. */
  rawStreams: number;
  rawDetails: number;
}

/**
 * The 7-day purge removes the summary's average heart rate that a summary-based metric recorded as its
 * input (raw Strava data); every other value must stay exactly as it was.
 */
function withoutRawCopies(inputs: unknown): unknown {
  const i = inputs as { methodValues?: Record<string, number> };
  if (!i?.methodValues || !('averageHrBpm' in i.methodValues)) return inputs;
  const { averageHrBpm: _raw, ...rest } = i.methodValues;
  return { ...i, methodValues: rest };
}

export async function snapshotDerived(db: Db, athleteId: string): Promise<DerivedSnapshot> {
  const metrics = await db.query<DerivedSnapshot['metrics'][number] & { computedAt: string }>(
    `select m.activity_id::text as "activityId", a.sport_type as "sportType", m.load, m.method, m.confidence,
            m.from_streams as "fromStreams", m.metrics, m.inputs, m.area_loads as "areaLoads",
            m.computed_at::text as "computedAt"
     from activity_metric m join activity a on a.id = m.activity_id
     where m.athlete_id = $1 order by m.activity_id`,
    [athleteId],
  );
  const series = await db.query<Record<string, unknown>>(
    `select day::text, load, ctl, atl, tsb, ramp7, load_spike_ratio, monotony, strain, calibrating, history_day,
            tsb_end_of_day, acute_load, chronic_load
     from daily_series where athlete_id = $1 order by day`,
    [athleteId],
  );
  const raw = await db.query<{ streams: number; details: number }>(
    `select (select count(*)::int from activity_stream s join activity a on a.id = s.activity_id
             where a.athlete_id = $1) as streams,
            (select count(*)::int from activity where athlete_id = $1 and raw_detail is not null) as details`,
    [athleteId],
  );
  return {
    metrics: metrics.rows.map(({ computedAt: _c, ...m }) => ({ ...m, inputs: withoutRawCopies(m.inputs) })),
    series: series.rows,
    computedAt: Object.fromEntries(metrics.rows.map((m) => [m.activityId, m.computedAt])),
    rawStreams: raw.rows[0]!.streams,
    rawDetails: raw.rows[0]!.details,
  };
}

/** Numbers equal to 1e-9 (relative), everything else exactly; days present in both series compared. */
export function expectSameNumbers(before: DerivedSnapshot, after: DerivedSnapshot): void {
  const diffs: string[] = [];
  compare(
    before.metrics.map(({ sportType: _s, ...m }) => m),
    after.metrics.map(({ sportType: _s, ...m }) => m),
    'metrics',
    diffs,
  );
  const afterDays = new Map(after.series.map((d) => [d.day, d]));
  for (const d of before.series) compare(d, afterDays.get(d.day), `series[${String(d.day)}]`, diffs);
  if (diffs.length > 0) throw new Error(`derived numbers moved:\n${diffs.slice(0, 20).join('\n')}`);
}

function compare(a: unknown, b: unknown, path: string, diffs: string[]): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) diffs.push(`${path}: ${a} -> ${b}`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, diffs);
    return;
  }
  if (a !== b) diffs.push(`${path}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
}
