import { Router } from 'express';
import { withTransaction } from '../../../../db/pool';
import {
  activeCoachScopes,
  listCoachChanges,
  recordCoachChange,
  setAdjustTrainingScope,
} from '../../../../db/queries/coach-scopes';
import { coachSeesPrivate, setSharePrivate } from '../../../../db/queries/private-activities';
import type { Queryable } from '../../../../db/pool';
import type { Deps } from '../../../deps';
import { AppError } from '../../../errors';
import { isUuid } from '../../middleware/authorize';
import { requireAthlete } from '../../middleware/require-auth';
import { declareRoute } from '../../surface/declare-route';
import { parseInput } from './parse-input';
import { scopesBody } from '../../surface/dashboard-schemas';

type Grant = { scope: 'adjust-training' | 'see-private'; allowed: boolean };

/** Applies one grant on a live link and records it in the athlete's audit; false without a live link. */
async function applyGrant(
  tx: Queryable,
  coachId: string,
  athleteId: string,
  grant: Grant,
  at: Date,
): Promise<boolean> {
  const set = grant.scope === 'adjust-training' ? setAdjustTrainingScope : setSharePrivate;
  if (!(await set(tx, coachId, athleteId, grant.allowed))) return false;
  await recordCoachChange(tx, {
    athleteId,
    coachUserId: coachId,
    actor: 'athlete',
    action: grant.allowed ? 'scope-granted' : 'scope-withdrawn',
    detail: { scope: grant.scope },
    at,
  });
  return true;
}

/**
 * The athlete's side of coach scopes (issue 15): consent lets a coach see; "adjust my training settings"
 * is a separate grant the athlete gives or withdraws here. Both, and every change a coach makes, go to
 * the audit the athlete reads on their page (GET /api/me/coach-changes). `sharePrivate` (issue 14) shows
 * this coach the activities the athlete keeps private on Strava, and counts them in the coach's figures.
 */
export function coachScopeRoutes(deps: Deps): Router {
  const router = Router();

  declareRoute(deps, router, 'put', '/api/me/coaches/:coachId/scopes', async (req, res) => {
    const athlete = requireAthlete(req);
    const { adjustTraining, sharePrivate } = parseInput(scopesBody, req.body);
    const grants: Grant[] = [
      ...(adjustTraining === undefined
        ? []
        : [{ scope: 'adjust-training' as const, allowed: adjustTraining }]),
      ...(sharePrivate === undefined ? [] : [{ scope: 'see-private' as const, allowed: sharePrivate }]),
    ];
    const coachId = req.params.coachId;
    const at = new Date(deps.clock());
    const done =
      isUuid(coachId) &&
      (await withTransaction(deps.db, async (tx) => {
        for (const g of grants) if (!(await applyGrant(tx, coachId, athlete.athleteId, g, at))) return false;
        return true;
      }));
    if (!done) throw new AppError('not_found', 'No active consent for this coach.');
    const [scopes, shares] = await Promise.all([
      activeCoachScopes(deps.db, coachId, athlete.athleteId),
      coachSeesPrivate(deps.db, coachId, athlete.athleteId),
    ]);
    res.json({ scopes: scopes ?? ['see'], sharePrivate: shares });
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
