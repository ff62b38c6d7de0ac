import { Router } from 'express';
import { z } from 'zod';
import { withTransaction } from '../../../../db/pool';
import {
  listCoachChanges,
  recordCoachChange,
  setAdjustTrainingScope,
} from '../../../../db/queries/coach-scopes';
import type { Deps } from '../../../deps';
import { AppError } from '../../../errors';
import { isUuid } from '../../middleware/authorize';
import { requireAthlete } from '../../middleware/require-auth';
import { declareRoute } from './declare-route';
import { parseInput } from './parse-input';

const scopesBody = z.strictObject({
  adjustTraining: z.boolean({ error: 'adjustTraining must be true or false' }),
  _csrf: z.string().optional(),
});

/**
 * The athlete's side of coach scopes (issue 15): consent lets a coach see; "adjust my training settings"
 * is a separate grant the athlete gives or withdraws here. Both, and every change a coach makes, go to
 * the audit the athlete reads on their page (GET /api/me/coach-changes).
 */
export function coachScopeRoutes(deps: Deps): Router {
  const router = Router();

  declareRoute(deps, router, 'put', '/api/me/coaches/:coachId/scopes', async (req, res) => {
    const athlete = requireAthlete(req);
    const { adjustTraining } = parseInput(scopesBody, req.body);
    const coachId = req.params.coachId;
    const at = new Date(deps.clock());
    const done =
      isUuid(coachId) &&
      (await withTransaction(deps.db, async (tx) => {
        if (!(await setAdjustTrainingScope(tx, coachId, athlete.athleteId, adjustTraining))) return false;
        await recordCoachChange(tx, {
          athleteId: athlete.athleteId,
          coachUserId: coachId,
          actor: 'athlete',
          action: adjustTraining ? 'scope-granted' : 'scope-withdrawn',
          detail: { scope: 'adjust-training' },
          at,
        });
        return true;
      }));
    if (!done) throw new AppError('not_found', 'No active consent for this coach.');
    res.json({ scopes: adjustTraining ? ['see', 'adjust-training'] : ['see'] });
  });

  declareRoute(deps, router, 'get', '/api/me/coach-changes', async (req, res) => {
    const athlete = requireAthlete(req);
    const changes = await listCoachChanges(deps.db, athlete.athleteId);
    res.set('Cache-Control', 'no-store');
    res.json({
      changes: changes.map((c) => ({
        coachUserId: c.coachUserId,
        coachName: c.coachName,
        actor: c.actor,
        action: c.action,
        detail: c.detail,
        at: c.at,
      })),
    });
  });

  return router;
}
