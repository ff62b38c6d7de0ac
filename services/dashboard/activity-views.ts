import { selectAlerts, type AlertRow } from '../../db/queries/dashboard';
import { selectActivities, type ActivityListRow } from '../../db/queries/exports';
import type { Queryable } from '../../db/pool';
import {
  CONFIDENCE_EXPLANATIONS,
  METHOD_EXPLANATIONS,
  type Confidence,
  type LoadMethod,
} from '../domain/load';
import { ALERT_RULES } from '../domain/recommend';
import { BODY_AREA_LABELS, type BodyArea } from '../domain/strain';

export interface ActivityView {
  id: string;
  name: string;
  sportType: string;
  startDate: string;
  localDate: string;
  movingTimeS: number;
  /** Null once Strava's raw fields are purged (7 days after they were read). */
  distanceM: number | null;
  elevationGainM: number | null;
  rpe: number | null;
  load: number | null;
  method: string | null;
  methodLabel: string | null;
  methodExplanation: string | null;
  confidence: string | null;
  confidenceExplanation: string | null;
  /** Strava's brand rules: links to the original read "View on Strava". */
  stravaUrl: string;
  /** True once Strava's raw fields (title, distance, averages) are purged; the numbers stay. */
  stravaDataPurged: boolean;
  /** The numbers wait for streams fetched again after an edit on Strava; until then they stay. */
  refreshPending: boolean;
}

const roundOrNull = (v: number | null) => (v === null ? null : Math.round(v));

function activityView(a: ActivityListRow): ActivityView {
  const method = a.method ? METHOD_EXPLANATIONS[a.method as LoadMethod] : undefined;
  return {
    id: a.id,
    // After the 7-day purge no title is held: name the session by what it was.
    name: a.name || `${a.sportType} on ${a.localDate}`,
    sportType: a.sportType,
    startDate: a.startDate.toISOString(),
    localDate: a.localDate,
    movingTimeS: a.movingTimeS,
    distanceM: roundOrNull(a.distanceM),
    elevationGainM: roundOrNull(a.totalElevationGainM),
    rpe: a.rpe,
    load: a.load === null ? null : Math.round(a.load),
    method: a.method,
    methodLabel: method?.label ?? a.method,
    methodExplanation: method?.explanation ?? null,
    confidence: a.confidence,
    confidenceExplanation: a.confidence
      ? (CONFIDENCE_EXPLANATIONS[a.confidence as Confidence] ?? null)
      : null,
    stravaUrl: `https://www.strava.com/activities/${a.id}`,
    stravaDataPurged: a.stravaDataPurged,
    refreshPending: a.refreshPending,
  };
}

/**
 * Recent activities, newest first, with how their load was estimated and how confident that is;
 * without `includePrivate` (a coach the athlete did not opt in for) no activity private on Strava.
 */
export async function recentActivities(
  db: Queryable,
  athleteId: string,
  opts: { limit: number; beforeMs?: number; includePrivate?: boolean },
): Promise<ActivityView[]> {
  return (await selectActivities(db, athleteId, opts)).map(activityView);
}

export interface AlertView {
  id: string;
  ruleId: string;
  rule: string;
  bodyArea: string | null;
  localDate: string;
  status: string;
  /** The reasons recorded with the alert (the recommendation's own words), when present. */
  reasons: string[];
  recommendation: string | null;
  createdAt: string;
}

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function alertView(a: AlertRow): AlertView {
  const rule = ALERT_RULES.find((r) => r.id === a.ruleId);
  const d = a.details ?? {};
  const reasons = stringList(d.reasons);
  if (reasons.length === 0 && typeof d.value === 'number' && typeof d.threshold === 'number') {
    reasons.push(`Measured ${d.value.toFixed(2)} against a threshold of ${d.threshold}.`);
  }
  const rec =
    typeof d.recommendation === 'string'
      ? d.recommendation
      : typeof d.headline === 'string'
        ? d.headline
        : null;
  return {
    id: a.id,
    ruleId: a.ruleId,
    rule: rule?.description ?? a.ruleId,
    bodyArea: a.bodyArea === '-' ? null : (BODY_AREA_LABELS[a.bodyArea as BodyArea] ?? a.bodyArea),
    localDate: a.localDate,
    status: a.status,
    reasons,
    recommendation: rec,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Recommendation and alert history, newest first, with the reasons recorded at the time. */
export async function alertHistory(
  db: Queryable,
  athleteId: string,
  limit: number,
  includePrivate = true,
): Promise<AlertView[]> {
  return (await selectAlerts(db, athleteId, limit, includePrivate)).map(alertView);
}
