import { createHash } from 'node:crypto';
import { withTransaction, type Queryable } from '../../db/pool';
import { latestSeriesDay } from '../../db/queries/daily-series';
import {
  getTrainingAthlete,
  listObservedMaxHr,
  lockAthleteTraining,
  saveObservedPhysiology,
  savePhysiologyBasis,
  type TrainingAthlete,
} from '../../db/queries/training';
import type { Deps } from '../deps';
import { localDateAt } from '../domain/athlete-calendar';
import {
  addDays,
  maxHrOverLast12Months,
  resolvePhysiology,
  type DailyPoint,
  type ResolvedPhysiology,
} from '../domain/load';
import {
  composeRecommendation,
  evaluateRules,
  parseAlertSettings,
  type AlertSettings,
} from '../domain/recommend';
import { applyAlertDecisions } from '../notify/alerts';
import { enqueueOutboxEmails } from '../notify/outbox-relay';
import { buildRecommendationContext } from './alert-context';
import { enteredPhysiology, observations } from './physiology-input';
import { recomputeActivities } from './recompute-activities';
import { recomputeSeries } from './recompute-series';

export interface RecomputeRequest {
  athleteId: string;
  /** First athlete-local day whose inputs changed. */
  fromDate: string;
  /** Recompute every activity from fromDate, not only new or stale ones. */
  recomputeActivities: boolean;
}

export interface RecomputeOutcome {
  activitiesComputed: number;
  daysWritten: number;
  alertsHolding: number;
  emailsQueued: number;
}

/**
 * Turns stored activities into numbers and decisions, in ONE transaction per athlete (serialised by an
 * advisory lock): per-activity load and strain -> daily series from the first changed day -> alert rules
 * -> alert rows and outbox emails. So an alert exists exactly when the data behind it does, and a deleted
 * or re-typed activity cancels alerts that have not gone out. Idempotent: re-running changes nothing.
 * Emails are enqueued after the commit (the relay job catches any enqueue that is lost).
 */
export async function recomputeAthlete(deps: Deps, req: RecomputeRequest): Promise<RecomputeOutcome | null> {
  const result = await withTransaction(deps.db, async (tx) => {
    await lockAthleteTraining(tx, req.athleteId);
    const athlete = await getTrainingAthlete(tx, req.athleteId);
    if (!athlete) return null; // deleted meanwhile: nothing to do
    const nowMs = deps.clock();
    const todayLocal = localDateAt(nowMs, athlete.timeZone);
    const computed = await computeActivities(tx, athlete, req, todayLocal);
    const seriesFrom =
      computed.earliestDate !== null && computed.earliestDate < req.fromDate
        ? computed.earliestDate
        : req.fromDate;
    const points = await recomputeSeries(tx, athlete.id, seriesFrom, todayLocal, athlete.firstActivityDate);
    const today = points.at(-1) ?? (await latestSeriesDay(tx, athlete.id));
    const alerts = await decideAlerts(tx, deps, athlete, today, todayLocal, nowMs);
    return { activitiesComputed: computed.count, daysWritten: points.length, ...alerts };
  });
  if (!result) return null;
  await enqueueOutboxEmails(deps, result.emails);
  return {
    activitiesComputed: result.activitiesComputed,
    daysWritten: result.daysWritten,
    alertsHolding: result.alertsHolding,
    emailsQueued: result.emails.length,
  };
}

/**
 * Computes new or stale activities. Physiology comes first: when the resolved values differ from those
 * the stored numbers used (the athlete changed a setting, a new year changed an age estimate, new streams
 * raised the observed HR max), every activity whose inputs are still held is recomputed on the new basis;
 * the others keep their numbers (listActivitiesKeepingNumbers says which and why).
 */
async function computeActivities(
  tx: Queryable,
  athlete: TrainingAthlete,
  req: RecomputeRequest,
  todayLocal: string,
) {
  const yearAgo = addDays(todayLocal, -366) ?? todayLocal;
  const resolve = async () => {
    const perActivity = await listObservedMaxHr(tx, athlete.id, yearAgo);
    const maxHr = maxHrOverLast12Months(perActivity, todayLocal);
    const seen = { maxHrBpm: maxHr, activities: perActivity.filter((a) => a.maxHrBpm !== null).length };
    return {
      maxHr,
      physiology: resolvePhysiology(enteredPhysiology(athlete), observations(athlete, seen), todayLocal),
    };
  };
  const first = await resolve();
  const everything = athlete.firstActivityDate ?? req.fromDate;
  const firstBasis = physiologyBasis(first.physiology);
  // A new basis makes every metric computed on the old one stale, wherever it lies in the history.
  const changed = athlete.physiologyBasis !== firstBasis;
  await savePhysiologyBasis(tx, athlete.id, firstBasis);
  let computed = await recomputeActivities(tx, athlete.id, first.physiology, {
    fromDate: changed ? everything : req.fromDate,
    all: req.recomputeActivities,
    physiologyBasis: firstBasis,
  });
  let final = first;
  const second = await resolve();
  const secondBasis = physiologyBasis(second.physiology);
  if (secondBasis !== firstBasis) {
    final = second;
    await savePhysiologyBasis(tx, athlete.id, secondBasis);
    const again = await recomputeActivities(tx, athlete.id, second.physiology, {
      fromDate: everything,
      all: false,
      physiologyBasis: secondBasis,
    });
    computed = {
      count: computed.count + again.count,
      earliestDate: earlierDate(again.earliestDate, computed.earliestDate),
    };
  }
  await saveObservedPhysiology(
    tx,
    athlete.id,
    { ...athlete.physiologyObserved, maxHrLast12MonthsBpm: final.maxHr },
    JSON.parse(physiologyKey(final.physiology)),
  );
  return computed;
}

/** A short, stable name of the physiology values the numbers depend on (stored with each metric). */
function physiologyBasis(p: ResolvedPhysiology): string {
  return createHash('sha256').update(physiologyKey(p)).digest('base64url').slice(0, 22);
}

function earlierDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** The values (not labels) the stored numbers depend on, as a stable JSON string. */
function physiologyKey(p: ResolvedPhysiology): string {
  return stableJson({
    hrMaxBpm: p.hrMaxBpm.value,
    hrRestBpm: p.hrRestBpm.value,
    lthrBpm: p.lthrBpm.value,
    ftpW: p.ftpW?.value ?? null,
    thresholdPaceSPerKm: p.thresholdPaceSPerKm?.value ?? null,
    thresholdSwimPaceSPer100m: p.thresholdSwimPaceSPer100m?.value ?? null,
    hrLoadModel: p.hrLoadModel.value,
    sex: p.sex.value,
    hrZones: p.hrZones.value,
  });
}

/** JSON with object keys sorted at every level (PostgreSQL's jsonb does not keep key order). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function decideAlerts(
  tx: Queryable,
  deps: Deps,
  athlete: TrainingAthlete,
  today: DailyPoint | null,
  todayLocal: string,
  nowMs: number,
) {
  const context = await buildRecommendationContext(tx, athlete, today, todayLocal, nowMs);
  const alerts = evaluateRules(context, alertSettingsOf(athlete, deps));
  const recommendation = composeRecommendation(context, alerts);
  const decision = await applyAlertDecisions(tx, deps, {
    athleteId: athlete.id,
    nowMs,
    alerts,
    recommendation,
  });
  return { alertsHolding: alerts.length, emails: decision.emails };
}

/** Stored thresholds; a corrupt value falls back to the defaults (and is logged) rather than blocking. */
function alertSettingsOf(athlete: TrainingAthlete, deps: Deps): AlertSettings {
  try {
    return parseAlertSettings(athlete.alertSettings ?? {});
  } catch (err) {
    deps.logger.warn(
      { athleteId: athlete.id, err: (err as Error).message },
      'invalid alert settings; using defaults',
    );
    return {};
  }
}
