import { Router } from 'express';
import { coachOverview } from '../../../dashboard/coach-overview';
import { arrangeOverview, overviewQuerySchema } from '../../../dashboard/overview-sort';
import type { Deps } from '../../../deps';
import { requireCoach } from '../../middleware/require-auth';
import { declareRoute } from '../../surface/declare-route';
import { parseInput } from './parse-input';

/** The coach's team overview: only athletes with live consent, those needing attention first. */
export function coachRoutes(deps: Deps): Router {
  const router = Router();
  declareRoute(deps, router, 'get', '/api/coach/overview', async (req, res) => {
    const coach = requireCoach(req);
    const q = parseInput(overviewQuerySchema, req.query);
    const rows = await coachOverview(deps.db, coach.userId, deps.clock());
    const athletes = arrangeOverview(rows, q);
    res
      .set('Cache-Control', 'private, no-store')
      .json({ total: rows.length, shown: athletes.length, sort: q.sort, filter: q.filter, athletes });
  });
  return router;
}
