import { getActivityStreams } from '../../db/queries/activity-streams';
import {
  listActivitiesToCompute,
  upsertActivityMetric,
  type TrainingActivityRow,
} from '../../db/queries/training';
import type { Queryable } from '../../db/pool';
import { LOAD_MODEL_VERSION, computeActivityLoad, type ResolvedPhysiology } from '../domain/load';
import { STRAIN_MODEL_VERSION, computeActivityStrain } from '../domain/strain';
import type { ActivityInput } from '../domain/activity';
import { toActivityInput } from '../strava/activity-mapper';

export const MODEL_VERSION = `${LOAD_MODEL_VERSION}+${STRAIN_MODEL_VERSION}`;

export interface RecomputedActivities {
  count: number;
  /** Earliest local day whose numbers changed; null when nothing was recomputed. */
  earliestDate: string | null;
}

/**
 * Computes load and per-area strain for the athlete's activities from `fromDate` that are new or stale
 * (or all of them with `all`), storing each with its method, confidence, inputs and cleaning record and
 * the versions it was computed from. Activities whose raw inputs are gone keep their stored numbers
 * (db/queries/training.ts METRIC_IS_RECOMPUTABLE). Idempotent: a second run with nothing changed
 * computes nothing.
 */
export async function recomputeActivities(
  tx: Queryable,
  athleteId: string,
  physiology: ResolvedPhysiology,
  basis: { fromDate: string; all: boolean; physiologyBasis: string },
): Promise<RecomputedActivities> {
  const rows = await listActivitiesToCompute(tx, athleteId, basis.fromDate, basis.all, MODEL_VERSION);
  let earliestDate: string | null = null;
  for (const row of rows) {
    const streams = row.streamsStored ? await getActivityStreams(tx, row.id) : null;
    const input = activityInput(row, athleteId, streams);
    const load = computeActivityLoad(input, physiology);
    const strain = computeActivityStrain(input, load.load);
    const localDate = load.localDate ?? row.localDate;
    await upsertActivityMetric(tx, {
      activityId: row.id,
      athleteId,
      localDate,
      load: load.load,
      method: load.method,
      confidence: load.confidence,
      metrics: { ...load.metrics, recovery: load.recovery },
      inputs: { ...load.inputs, fallbackReasons: load.fallbackReasons },
      cleaning: { streams: load.cleaning, strain: strain.notes },
      areaLoads: strain,
      fromStreams: streams !== null,
      modelVersion: MODEL_VERSION,
      sourceVersion: row.inputsVersion,
      physiologyBasis: basis.physiologyBasis,
    });
    if (earliestDate === null || localDate < earliestDate) earliestDate = localDate;
  }
  return { count: rows.length, earliestDate };
}

function activityInput(
  row: TrainingActivityRow,
  athleteId: string,
  streams: Record<string, number[]> | null,
): ActivityInput {
  const { inputsVersion: _version, streamsStored: _stored, ...fields } = row;
  return toActivityInput({ ...fields, athleteId, timezone: null, private: false }, streams);
}
