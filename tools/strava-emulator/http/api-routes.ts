import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context';
import { sendJson, stravaErrors } from '../errors';
import {
  activityDetailed,
  activitySummary,
  athleteDetailed,
  athleteSummary,
  athleteZones,
} from '../representations';
import type { TokenGrant } from '../tokens';
import type { ActivityRecord, StreamKey } from '../types';
import { locals } from './pipeline';

const has = (g: TokenGrant, scope: string) => g.scopes.includes(scope);
const canReadActivities = (g: TokenGrant) => has(g, 'activity:read') || has(g, 'activity:read_all');
const STREAM_KEYS: StreamKey[] = [
  'time',
  'distance',
  'latlng',
  'altitude',
  'velocity_smooth',
  'heartrate',
  'cadence',
  'watts',
  'grade_smooth',
  'moving',
];

function grantOf(res: Response): TokenGrant {
  const g = locals(res).grant;
  if (!g) throw new Error('route mounted without requireToken');
  return g;
}

const intParam = (v: unknown): number | undefined => {
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(Number(v))) return undefined;
  return Math.floor(Number(v));
};

/**
 * Finds an activity the token may read. Missing, deleted, another athlete's, or "Only You" without
 * activity:read_all all answer 404 Record Not Found; no activity scope at all answers 401 (missing scope).
 */
function readableActivity(ctx: EmulatorContext, req: Request, res: Response): ActivityRecord | null {
  const g = grantOf(res);
  if (!canReadActivities(g))
    return (sendJson(res, 401, stravaErrors.missingScope('activity:read_permission')), null);
  const raw = String(req.params.id ?? '');
  const r = /^\d{1,20}$/.test(raw) ? ctx.world.activity(BigInt(raw)) : undefined;
  const visible =
    r && !r.deleted && r.plan.athleteId === g.athleteId && (!r.private || has(g, 'activity:read_all'));
  if (!visible) return (sendJson(res, 404, stravaErrors.notFound('Activity')), null);
  return r;
}

/** GET /athlete/activities: newest first; with only `after`, oldest first (as Strava pages forward). */
function listActivities(ctx: EmulatorContext, req: Request, res: Response): void {
  const g = grantOf(res);
  if (!canReadActivities(g)) return sendJson(res, 401, stravaErrors.missingScope('activity:read_permission'));
  const athlete = ctx.world.athlete(g.athleteId);
  if (!athlete) return sendJson(res, 404, stravaErrors.notFound('Athlete'));
  const before = intParam(req.query.before);
  const after = intParam(req.query.after);
  const page = Math.max(1, intParam(req.query.page) ?? 1);
  const perPage = Math.min(200, Math.max(1, intParam(req.query.per_page) ?? 30));
  let list = ctx.world
    .activitiesOf(g.athleteId)
    .filter((r) => !r.private || has(g, 'activity:read_all'))
    .filter((r) => before === undefined || r.plan.startMs < before * 1000)
    .filter((r) => after === undefined || r.plan.startMs > after * 1000);
  if (after !== undefined && before === undefined) list = [...list].reverse();
  const slice = list.slice((page - 1) * perPage, page * perPage);
  sendJson(
    res,
    200,
    slice.map((r) => activitySummary(ctx.world.view(r), athlete)),
  );
}

/** GET /activities/{id}/streams: array, or an object keyed by type with key_by_type=true. */
function streams(ctx: EmulatorContext, req: Request, res: Response): void {
  const r = readableActivity(ctx, req, res);
  if (!r) return;
  const set = ctx.world.streams(r) ?? {};
  const requested =
    typeof req.query.keys === 'string' ? req.query.keys.split(',').map((k) => k.trim()) : STREAM_KEYS;
  // Strava returns the series stream (distance) even when it was not asked for.
  const keys = [...new Set([...requested, 'distance'])].filter((k): k is StreamKey => k in set);
  const seriesType = set.distance ? 'distance' : 'time';
  const size = (set.time ?? set.distance ?? []).length;
  const objects = keys.map((k) => ({
    type: k,
    data: set[k],
    series_type: seriesType,
    original_size: size,
    resolution: 'high',
  }));
  if (req.query.key_by_type !== 'true') return sendJson(res, 200, objects);
  sendJson(res, 200, Object.fromEntries(objects.map(({ type, ...rest }) => [type, rest])));
}

/** Athlete and activity read endpoints (mounted under /api/v3 after requireToken). */
export function apiRoutes(ctx: EmulatorContext): Router {
  const r = Router();
  r.get('/athlete', (_req, res) => {
    const g = grantOf(res);
    const a = ctx.world.athlete(g.athleteId);
    if (!a) return sendJson(res, 404, stravaErrors.notFound('Athlete'));
    sendJson(res, 200, has(g, 'profile:read_all') ? athleteDetailed(a) : athleteSummary(a));
  });
  r.get('/athlete/zones', (_req, res) => {
    const g = grantOf(res);
    const a = ctx.world.athlete(g.athleteId);
    if (!has(g, 'profile:read_all')) return sendJson(res, 401, stravaErrors.missingScope('profile:read_all'));
    if (!a) return sendJson(res, 404, stravaErrors.notFound('Athlete'));
    sendJson(res, 200, athleteZones(a));
  });
  r.get('/athlete/activities', (req, res) => listActivities(ctx, req, res));
  r.get('/activities/:id', (req, res) => {
    const rec = readableActivity(ctx, req, res);
    const a = rec && ctx.world.athlete(rec.plan.athleteId);
    if (rec && a) sendJson(res, 200, activityDetailed(ctx.world.view(rec), a));
  });
  r.get('/activities/:id/streams', (req, res) => streams(ctx, req, res));
  return r;
}
