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

function toPoint(d: StoredDay): DailyPoint {
  return {
    date: d.day,
    historyDay: d.historyDay,
    load: d.load,
    ctl: d.ctl,
    atl: d.atl,
    tsb: d.tsb,
    tsbEndOfDay: d.tsbEndOfDay,
    rampRate: d.ramp7 ?? 0,
    acuteLoad: d.acuteLoad,
    chronicLoad: d.chronicLoad,
    loadSpikeRatio: d.loadSpikeRatio,
    monotony: d.monotony ?? 0,
    strain: d.strain ?? 0,
    calibrating: d.calibrating,
  };
}

/** The inverse of toPoint: a day computed at read time, in the stored shape the overview reads. */
export function toStoredDay(p: DailyPoint): StoredDay {
  return {
    day: p.date,
    load: p.load,
    ctl: p.ctl,
    atl: p.atl,
    tsb: p.tsb,
    ramp7: p.rampRate,
    loadSpikeRatio: p.loadSpikeRatio,
    monotony: p.monotony,
    strain: p.strain,
    calibrating: p.calibrating,
    historyDay: p.historyDay,
    tsbEndOfDay: p.tsbEndOfDay,
    acuteLoad: p.acuteLoad,
    chronicLoad: p.chronicLoad,
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
 * stored day). Exact: the stored engine state (history day, acute and chronic loads) seeds extendDailySeries.
 */
export function seriesThroughToday(
  stored: readonly StoredDay[],
  laterLoads: readonly DailyLoadEntry[],
  today: string,
): DayFigures[] {
  const last = stored[stored.length - 1];
  if (!last || last.day >= today) return stored.map(fromStored);
  const points = stored.map(toPoint);
  const ext = extendDailySeries(points, laterLoads, { lastDate: today });
  const added = ext.points.map((p) => ({
    day: p.date,
    load: p.load,
    ctl: p.ctl,
    atl: p.atl,
    tsb: p.tsb,
    loadSpikeRatio: p.loadSpikeRatio,
    monotony: p.monotony,
    calibrating: p.calibrating,
  }));
  return [...stored.map(fromStored), ...added];
}
