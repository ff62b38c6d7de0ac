import { listRaces } from '../../db/queries/races';
import { listRecentLoadedActivities, listStrainRows, type TrainingAthlete } from '../../db/queries/training';
import type { Queryable } from '../../db/pool';
import { addDays, type DailyPoint } from '../domain/load';
import type { RecommendationContext } from '../domain/recommend';
import { projectAreaStrain } from '../domain/strain';
import { STRAIN_LOOKBACK_DAYS, toStrainSessionFromStored } from '../domain/strain/stored-session';

/** Activities that ended within this window can drive a hard-session or race alert (rules use 72 h). */
const RECENT_WINDOW_MS = 4 * 24 * 3600_000;

/**
 * Gathers everything the alert rules and the composer look at "now" for one athlete: today's training
 * state from the series, per-area strain projected from stored per-activity area loads, recent
 * activities, upcoming races and the injured/ill flag.
 */
export async function buildRecommendationContext(
  tx: Queryable,
  athlete: TrainingAthlete,
  today: DailyPoint | null,
  todayLocal: string,
  nowMs: number,
): Promise<RecommendationContext> {
  const sessionRows = await listStrainRows(
    tx,
    athlete.id,
    addDays(todayLocal, -STRAIN_LOOKBACK_DAYS) ?? todayLocal,
  );
  const sessions = sessionRows.flatMap((r) => {
    const s = toStrainSessionFromStored(Number(r.startMs), r.areaLoads);
    return s ? [{ ...s, activityId: r.activityId }] : [];
  });
  const strain = projectAreaStrain(sessions, nowMs);
  const recent = await listRecentLoadedActivities(tx, athlete.id, nowMs - RECENT_WINDOW_MS);
  const races = await listRaces(tx, athlete.id, todayLocal);
  return {
    athleteId: athlete.id,
    localDate: todayLocal,
    training: {
      calibrating: today?.calibrating ?? true,
      tsb: today?.tsb ?? null,
      acuteChronicRatio: today?.loadSpikeRatio ?? null,
      monotony: today?.monotony ?? null,
      historyDays: today?.historyDay ?? null,
    },
    areas: strain.areas.map((a) => ({
      area: a.area,
      projectedSorenessAu: a.sorenessProjectedAu,
      // The strain model's baseline is on the soreness scale (docs/strain-model.md), as the rule expects.
      baselineAu: a.baselineSorenessAu,
      mainActivityId: a.mainActivityId,
    })),
    recentActivities: recent
      .filter((r) => r.endMs <= nowMs)
      .map((r) => ({
        activityId: r.activityId,
        sportType: r.sportType,
        localDate: r.localDate,
        sinceEndH: (nowMs - r.endMs) / 3600_000,
        loadAu: r.loadAu,
        workoutType: r.workoutType,
        descentM: r.elevationGainM,
      })),
    races: races.map((r) => ({ localDate: r.raceDate, priority: r.priority })),
    health: { injured: athlete.injuredOrIll, ill: false },
  };
}
