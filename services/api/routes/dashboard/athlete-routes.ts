import { Router, type Request } from 'express';
import { recordActivityRpe } from '../../../../db/queries/activity-rpe';
import { alertHistory, recentActivities } from '../../../dashboard/activity-views';
import { dailySeriesThroughToday, seriesQuerySchema, sliceSeries } from '../../../dashboard/athlete-series';
import { athleteSummary } from '../../../dashboard/athlete-summary';
import { coachSeesPrivate } from '../../../../db/queries/private-activities';
import { loadAthleteProfile } from '../../../dashboard/athlete-profile';
import type { Deps } from '../../../deps';
import { requestActivityRecompute } from '../../../training/request-recompute';
import { AppError } from '../../../errors';
import { athleteNotFound } from '../../middleware/authorize';
import { requireAthlete, requirePrincipal } from '../../middleware/require-auth';
import { declareRoute } from '../../surface/declare-route';
import { parseInput } from './parse-input';
import { activitiesQuery, alertsQuery, rpeBody } from '../../surface/dashboard-schemas';

const MAX_BIGINT = 2n ** 63n - 1n;

/** The athlete id of the path; the authorize middleware has already checked it and the caller's access. */
const athleteIdOf = (req: Request) => String(req.params.athleteId).toLowerCase();

/**
 * Does the caller see the athlete's activities that are private on Strava? The athlete always; a coach
 * only with the athlete's opt-in for them (read on every request, like the consent itself).
 */
async function seesPrivate(deps: Deps, req: Request): Promise<boolean> {
  const p = requirePrincipal(req);
  return p.role === 'athlete' || coachSeesPrivate(deps.db, p.userId, athleteIdOf(req));
}

/**
 * The athlete page's data: seen by the athlete and by coaches with live consent (policy athlete-or-coach).
 * A coach without the athlete's opt-in sees it as if the activities private on Strava did not exist.
 */
export function athleteRoutes(deps: Deps): Router {
  const router = Router();

  declareRoute(deps, router, 'get', '/api/athletes/:athleteId', async (req, res) => {
    const summary = await athleteSummary(
      deps.db,
      athleteIdOf(req),
      deps.clock(),
      await seesPrivate(deps, req),
    );
    if (!summary) throw athleteNotFound();
    res.set('Cache-Control', 'private, no-store').json(summary);
  });

  declareRoute(deps, router, 'get', '/api/athletes/:athleteId/series', async (req, res) => {
    const q = parseInput(seriesQuerySchema, req.query);
    const profile = await loadAthleteProfile(deps.db, athleteIdOf(req), deps.clock());
    if (!profile) throw athleteNotFound();
    const points = await dailySeriesThroughToday(
      deps.db,
      profile.athleteId,
      profile.today,
      profile.historyStart,
      await seesPrivate(deps, req),
    );
    res
      .set('Cache-Control', 'private, no-store')
      .json({ range: q.range, today: profile.today, points: sliceSeries(points, profile.today, q.range) });
  });

  declareRoute(deps, router, 'get', '/api/athletes/:athleteId/activities', async (req, res) => {
    const q = parseInput(activitiesQuery, req.query);
    const list = await recentActivities(deps.db, athleteIdOf(req), {
      limit: q.limit,
      includePrivate: await seesPrivate(deps, req),
      ...(q.before ? { beforeMs: Date.parse(q.before) } : {}),
    });
    const last = list[list.length - 1];
    res
      .set('Cache-Control', 'private, no-store')
      .json({ activities: list, next: list.length === q.limit && last ? last.startDate : null });
  });

  declareRoute(deps, router, 'get', '/api/athletes/:athleteId/alerts', async (req, res) => {
    const q = parseInput(alertsQuery, req.query);
    res.set('Cache-Control', 'private, no-store').json({
      alerts: await alertHistory(deps.db, athleteIdOf(req), q.limit, await seesPrivate(deps, req)),
    });
  });

  declareRoute(deps, router, 'put', '/api/me/activities/:activityId/rpe', async (req, res) => {
    const athlete = requireAthlete(req);
    const activityId = req.params.activityId;
    if (typeof activityId !== 'string' || !/^\d{1,19}$/.test(activityId) || BigInt(activityId) > MAX_BIGINT) {
      throw new AppError('not_found', 'No such activity of yours.');
    }
    const { rpe } = parseInput(rpeBody, req.body);
    const recorded = await recordActivityRpe(deps.db, athlete.athleteId, activityId, rpe);
    const localDate = recorded?.localDate;
    if (!localDate) throw new AppError('not_found', 'No such activity of yours.');
    // The load of an activity without sensor data comes from the RPE: recompute from its day on.
    await requestActivityRecompute(deps, athlete.athleteId, activityId, localDate).catch((err: Error) =>
      req.log.warn(
        { err: err.message },
        'recompute after RPE not queued; the next activity or reconcile catches up',
      ),
    );
    res.json({ activityId, rpe, message: 'Saved. Your numbers are being updated.' });
  });

  return router;
}
