import {
  selectCoachOverview,
  selectLinkedAthleteZones,
  selectLoadsAfter,
  type OverviewRow,
} from '../../db/queries/dashboard';
import { localDateAt } from '../domain/athlete-calendar';
import type { Queryable } from '../../db/pool';
import { addDays } from '../domain/load';
import type { StrainSession } from '../domain/strain';
import { attentionOf, trendOf, type Trend } from './attention';
import { STRAIN_LOOKBACK_DAYS, buildBodyMap } from './body-map';
import { strainSessionsOf } from './strain-session-cache';
import { dailySeriesThroughToday } from './athlete-series';
import { seriesThroughToday, toStoredDay } from './series-today';

export interface OverviewAthlete {
  athleteId: string;
  name: string;
  lastActivity: { at: string; localDate: string | null; name: string; sportType: string } | null;
  asOf: string | null;
  load7d: number | null;
  fitness: number | null;
  fatigue: number | null;
  form: number | null;
  trends: { fitness: Trend; fatigue: Trend; form: Trend };
  loadSpikeRatio: number | null;
  monotony: number | null;
  mostStrained: { area: string; label: string; state: string; indexTomorrow: number } | null;
  openRecommendations: number;
  calibrating: boolean;
  connectionState: string;
  importState: string;
  attention: { score: number; reasons: string[] };
}

const r1 = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? null : Math.round(n * 10) / 10;
const r2 = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? null : Math.round(n * 100) / 100;

function overviewOf(
  row: OverviewRow,
  sessions: StrainSession[],
  later: { localDate: string; load: number }[],
  nowMs: number,
): OverviewAthlete {
  const days = seriesThroughToday(row.recentDays, later, row.today);
  const today = days[days.length - 1];
  const weekAgoDate = addDays(row.today, -7);
  const weekAgo = days.find((d) => d.day === weekAgoDate);
  const last7 = days.filter((d) => weekAgoDate !== null && d.day > weekAgoDate);
  const map = buildBodyMap(sessions, nowMs);
  const top = map.mostStrained;
  const calibrating = today?.calibrating ?? true;
  const attention = attentionOf({
    tsb: today?.tsb ?? null,
    loadSpikeRatio: today?.loadSpikeRatio ?? null,
    monotony: today?.monotony ?? null,
    calibrating,
    strainedState: top?.state ?? null,
    strainedLabel: top?.label ?? null,
    openAlerts: row.openAlerts,
    connectionState: row.connectionState,
    injuredOrIll: row.injuredOrIll,
  });
  return {
    athleteId: row.athleteId,
    name: row.name || 'Athlete',
    lastActivity: row.lastActivityAt
      ? {
          at: row.lastActivityAt.toISOString(),
          localDate: row.lastActivityLocalDate,
          name: row.lastActivityName ?? '',
          sportType: row.lastActivitySport ?? '',
        }
      : null,
    asOf: today?.day ?? null,
    load7d: today ? r1(last7.reduce((s, d) => s + d.load, 0)) : null,
    fitness: r1(today?.ctl),
    fatigue: r1(today?.atl),
    form: r1(today?.tsb),
    trends: {
      fitness: trendOf(today?.ctl, weekAgo?.ctl),
      fatigue: trendOf(today?.atl, weekAgo?.atl),
      form: trendOf(today?.tsb, weekAgo?.tsb),
    },
    loadSpikeRatio: r2(today?.loadSpikeRatio),
    monotony: r2(today?.monotony),
    mostStrained: top
      ? { area: top.area, label: top.label, state: top.state, indexTomorrow: top.indexTomorrow }
      : null,
    openRecommendations: row.openAlerts,
    calibrating,
    connectionState: row.connectionState,
    importState: row.backfillStatus,
    attention,
  };
}

/**
 * For athletes whose stored series counts private activities this coach may not see (no opt-in), the
 * last 14 days recomputed at read time without them, through today (nothing left to extend).
 */
async function withoutPrivateDays(db: Queryable, rows: OverviewRow[]): Promise<OverviewRow[]> {
  return Promise.all(
    rows.map(async (row) => {
      if (!row.hidesPrivate) return row;
      const points = await dailySeriesThroughToday(db, row.athleteId, row.today, row.historyStart, false);
      return { ...row, recentDays: points.slice(-14).map(toStoredDay) };
    }),
  );
}

/**
 * The coach's team at a glance: one row per consented athlete, numbers as of each athlete's own today.
 * Reads only linked athletes (the SQL joins on the live consent); computed figures come from the pure
 * load and strain engines. Four queries whatever the team size, plus one per athlete whose private
 * activities this coach may not see (their figures are recomputed without them).
 */
export async function coachOverview(
  db: Queryable,
  coachUserId: string,
  nowMs: number,
): Promise<OverviewAthlete[]> {
  const zones = await selectLinkedAthleteZones(db, coachUserId);
  const todays = zones.map((z) => ({ athleteId: z.athleteId, today: localDateAt(nowMs, z.timeZone) }));
  const rows = await withoutPrivateDays(db, await selectCoachOverview(db, coachUserId, todays));
  if (rows.length === 0) return [];
  const withoutPrivate = new Set(rows.filter((r) => r.hidesPrivate).map((r) => r.athleteId));
  const ids = rows.map((r) => r.athleteId);
  const earliestToday = rows.reduce((min, r) => (r.today < min ? r.today : min), rows[0]!.today);
  // Athletes without any stored day have nothing to extend (their series starts with the first recompute).
  const stale = rows.filter(
    (r) => r.recentDays.length > 0 && r.recentDays[r.recentDays.length - 1]!.day < r.today,
  );
  const lastStored = stale.reduce((min, r) => {
    const d = r.recentDays[r.recentDays.length - 1]!.day;
    return d < min ? d : min;
  }, '9999-12-31');
  const [sessions, laterRows] = await Promise.all([
    strainSessionsOf(db, ids, addDays(earliestToday, -STRAIN_LOOKBACK_DAYS) ?? earliestToday, withoutPrivate),
    selectLoadsAfter(
      db,
      stale.map((r) => r.athleteId),
      lastStored,
    ),
  ]);
  const later = new Map<string, { localDate: string; load: number }[]>();
  for (const l of laterRows) later.set(l.athleteId, [...(later.get(l.athleteId) ?? []), l]);
  return rows.map((row) => {
    const lastDay = row.recentDays[row.recentDays.length - 1]?.day ?? '';
    const mine = (later.get(row.athleteId) ?? []).filter((l) => l.localDate > lastDay);
    return overviewOf(row, sessions.get(row.athleteId) ?? [], mine, nowMs);
  });
}
