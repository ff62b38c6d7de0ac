import { extendDailySeries, type DailyLoadEntry, type DailyPoint } from '../domain/load';
import type { StoredDay } from '../../db/queries/dashboard';

export interface DayFigures {
  day: string;
  load: number;
  ctl: number;
  atl: number;
  tsb: number;
  loadSpikeRatio: number | null;
  monotony: number | null;
  calibrating: boolean;
}

function toPoint(d: StoredDay, historyDay: number): DailyPoint {
  return {
    date: d.day,
    historyDay,
    load: d.load,
    ctl: d.ctl,
    atl: d.atl,
    tsb: d.tsb,
    tsbEndOfDay: d.ctl - d.atl,
    rampRate: d.ramp7 ?? 0,
    // Not stored: the extension below then yields no spike ratio for the days it adds (shown as unknown).
    acuteLoad: Number.NaN,
    chronicLoad: Number.NaN,
    loadSpikeRatio: d.loadSpikeRatio,
    monotony: d.monotony ?? 0,
    strain: d.strain ?? 0,
    calibrating: d.calibrating,
  };
}

const fromStored = (d: StoredDay): DayFigures => ({
  day: d.day,
  load: d.load,
  ctl: d.ctl,
  atl: d.atl,
  tsb: d.tsb,
  loadSpikeRatio: d.loadSpikeRatio,
  monotony: d.monotony,
  calibrating: d.calibrating,
});

/**
 * The stored days up to the athlete's today, extended with the pure engine when the stored series stops
 * earlier (rest days since, or a recompute still pending: `laterLoads` are activity loads after the last
 * stored day). CTL, ATL, form and monotony of added days are exact; the spike ratio is null for them.
 */
export function seriesThroughToday(stored: readonly StoredDay[], laterLoads: readonly DailyLoadEntry[], today: string): DayFigures[] {
  const last = stored[stored.length - 1];
  if (!last || last.day >= today) return stored.map(fromStored);
  // historyDay only drives "calibrating"; a stored calibrating=false means at least 42 days of history.
  const points = stored.map((d, i) => toPoint(d, d.calibrating ? 1 + i : 1000 + i));
  const ext = extendDailySeries(points, laterLoads, { lastDate: today });
  const added = ext.points.map((p) => ({
    day: p.date,
    load: p.load,
    ctl: p.ctl,
    atl: p.atl,
    tsb: p.tsb,
    loadSpikeRatio: Number.isFinite(p.loadSpikeRatio ?? Number.NaN) ? p.loadSpikeRatio : null,
    monotony: p.monotony,
    calibrating: last.calibrating && p.calibrating,
  }));
  return [...stored.map(fromStored), ...added];
}
