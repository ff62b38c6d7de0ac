import {
  selectAthleteProfile,
  selectStrainSessions,
  selectUpcomingRaces,
  type AthleteProfileRow,
} from '../../db/queries/dashboard';
import type { Queryable } from '../../db/pool';
import {
  METRIC_EXPLANATIONS,
  addDays,
  resolvePhysiology,
  restDaysToFreshness,
  todayLoadRange,
  type EnteredPhysiology,
} from '../domain/load';
import { STRAIN_EXPLANATIONS } from '../domain/strain';
import { dailySeriesThroughToday } from './athlete-series';
import { STRAIN_LOOKBACK_DAYS, buildBodyMap, toStrainSessionFromStored, type BodyMap } from './body-map';
import { physiologyView, type PhysiologyItem } from './physiology-view';

export interface AthleteSummary {
  athlete: {
    id: string;
    name: string;
    timeZone: string;
    today: string;
    connectionState: string;
    injuredOrIll: boolean;
  };
  importProgress: { status: string; total: number; summariesDone: number; streamsDone: number };
  today: {
    load: number;
    fitness: number;
    fatigue: number;
    form: number;
    loadSpikeRatio: number | null;
    monotony: number;
    calibrating: boolean;
    restDaysToFreshness: number | null;
    loadRange: { minLoad: number; maxLoad: number; restAdvised: boolean; remainingMax: number } | null;
  } | null;
  bodyMap: BodyMap;
  physiology: PhysiologyItem[];
  physiologyNotes: string[];
  races: { id: string; date: string; name: string; priority: string }[];
  explanations: Record<string, string>;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function numbersOnly(obj: Record<string, unknown>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(obj ?? {}).filter(([, v]) => typeof v === 'number' || v === null),
  ) as Record<string, number | null>;
}

function enteredOf(p: AthleteProfileRow): EnteredPhysiology {
  const sex = p.sex === 'M' ? 'male' : p.sex === 'F' ? 'female' : null;
  return { ...numbersOnly(p.physiologyEntered), sex };
}

/**
 * Everything the athlete page shows above the chart, as of the athlete's local today. Pure engines do the
 * computing: the read-time daily series, todayLoadRange and restDaysToFreshness (load), projectAreaStrain
 * (strain), resolvePhysiology (sources). Null when the athlete does not exist (deleted meanwhile).
 */
export async function athleteSummary(
  db: Queryable,
  athleteId: string,
  nowMs: number,
): Promise<AthleteSummary | null> {
  const p = await selectAthleteProfile(db, athleteId, new Date(nowMs));
  if (!p) return null;
  const [points, sessionRows, races] = await Promise.all([
    dailySeriesThroughToday(db, athleteId, p.today, p.historyStart),
    selectStrainSessions(db, [athleteId], addDays(p.today, -STRAIN_LOOKBACK_DAYS) ?? p.today),
    selectUpcomingRaces(db, athleteId, p.today),
  ]);
  const sessions = sessionRows.flatMap(
    (r) => toStrainSessionFromStored(Number(r.startMs), r.areaLoads) ?? [],
  );
  const today = points[points.length - 1];
  const yesterday = points[points.length - 2];
  const range = yesterday ? todayLoadRange({ ctl: yesterday.ctl, atl: yesterday.atl }) : null;
  const resolved = resolvePhysiology(enteredOf(p), numbersOnly(p.physiologyObserved), p.today);
  return {
    athlete: {
      id: p.athleteId,
      name: p.name || 'Athlete',
      timeZone: p.timeZone,
      today: p.today,
      connectionState: p.connectionState,
      injuredOrIll: p.injuredOrIll,
    },
    importProgress: {
      status: p.backfillStatus,
      total: p.backfillTotal,
      summariesDone: p.backfillSummariesDone,
      streamsDone: p.backfillStreamsDone,
    },
    today: today
      ? {
          load: r1(today.load),
          fitness: r1(today.ctl),
          fatigue: r1(today.atl),
          form: r1(today.tsb),
          loadSpikeRatio: today.loadSpikeRatio === null ? null : Math.round(today.loadSpikeRatio * 100) / 100,
          monotony: Math.round(today.monotony * 100) / 100,
          calibrating: today.calibrating,
          restDaysToFreshness: restDaysToFreshness({ ctl: today.ctl, atl: today.atl }),
          loadRange: range && {
            minLoad: Math.round(range.minLoad),
            maxLoad: Math.round(range.maxLoad),
            restAdvised: range.restAdvised,
            remainingMax: Math.max(0, Math.round(range.maxLoad - today.load)),
          },
        }
      : null,
    bodyMap: buildBodyMap(sessions, nowMs),
    physiology: physiologyView(resolved),
    physiologyNotes: resolved.notes,
    races: races.map((r) => ({ id: r.id, date: r.raceDate, name: r.name, priority: r.priority })),
    explanations: {
      ...METRIC_EXPLANATIONS,
      strain: STRAIN_EXPLANATIONS.whatItIs,
      strainLimits: STRAIN_EXPLANATIONS.limits,
    },
  };
}
