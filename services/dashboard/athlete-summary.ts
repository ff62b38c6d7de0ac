import { loadAthleteProfile } from './athlete-profile';
import {
  selectStrainSessions,
  selectUpcomingRaces,
  type AthleteProfileRow,
} from '../../db/queries/dashboard';
import type { Queryable } from '../../db/pool';
import { addDays, resolvePhysiology, type DailyPoint, type EnteredPhysiology } from '../domain/load';
import { METRIC_EXPLANATIONS } from '../domain/load/explanations';
import { STRAIN_EXPLANATIONS } from '../domain/strain';
import { dailySeriesThroughToday } from './athlete-series';
import { STRAIN_LOOKBACK_DAYS, buildBodyMap, toStrainSessionFromStored, type BodyMap } from './body-map';
import { physiologyView, type PhysiologyItem } from './physiology-view';
import { todayFigures, type TodayFigures } from './today-figures';

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
  today: TodayFigures | null;
  bodyMap: BodyMap;
  physiology: PhysiologyItem[];
  physiologyNotes: string[];
  races: { id: string; date: string; name: string; priority: string }[];
  explanations: Record<string, string>;
}

function numbersOnly(obj: Record<string, unknown>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(obj ?? {}).filter(([, v]) => typeof v === 'number' || v === null),
  ) as Record<string, number | null>;
}

function enteredOf(p: AthleteProfileRow): EnteredPhysiology {
  const e = p.physiologyEntered ?? {};
  const enteredSex = e.sex === 'male' || e.sex === 'female' ? e.sex : null;
  const stravaSex = p.sex === 'M' ? 'male' : p.sex === 'F' ? 'female' : null;
  const by = (e._enteredBy ?? {}) as EnteredPhysiology['enteredBy'];
  const hrLoadModel =
    typeof e.hrLoadModel === 'string' ? (e.hrLoadModel as EnteredPhysiology['hrLoadModel']) : null;
  return {
    ...numbersOnly(e),
    sex: enteredSex ?? stravaSex,
    hrLoadModel,
    enteredBy: { ...by, ...(enteredSex || !stravaSex ? {} : { sex: 'strava' as const }) },
  };
}

/**
 * Everything the athlete page shows above the chart, as of the athlete's local today. Pure engines do the
 * computing: the read-time daily series, todayLoadRange and restDaysToFreshness (load), projectAreaStrain
 * (strain), resolvePhysiology (sources). Null when the athlete does not exist (deleted meanwhile).
 * Without `includePrivate` the figures leave out the activities private on Strava.
 */
export async function athleteSummary(
  db: Queryable,
  athleteId: string,
  nowMs: number,
  includePrivate = true,
): Promise<AthleteSummary | null> {
  const p = await loadAthleteProfile(db, athleteId, nowMs);
  if (!p) return null;
  const [points, sessionRows, races] = await Promise.all([
    dailySeriesThroughToday(db, athleteId, p.today, p.historyStart, includePrivate),
    selectStrainSessions(db, [athleteId], addDays(p.today, -STRAIN_LOOKBACK_DAYS) ?? p.today, includePrivate),
    selectUpcomingRaces(db, athleteId, p.today),
  ]);
  const sessions = sessionRows.flatMap(
    (r) => toStrainSessionFromStored(Number(r.startMs), r.areaLoads) ?? [],
  );
  const resolved = resolvePhysiology(enteredOf(p), numbersOnly(p.physiologyObserved), p.today);
  const today: DailyPoint | undefined = points[points.length - 1];
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
    today: today ? todayFigures(today, points[points.length - 2] ?? null, resolved) : null,
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
