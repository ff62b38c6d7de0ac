import { Router, type Request } from 'express';
import { withTransaction } from '../../../../db/pool';
import { activeCoachScopes, recordCoachChange } from '../../../../db/queries/coach-scopes';
import { savePhysiologyEntered, saveTaggedAreas } from '../../../../db/queries/training-settings';
import type { Deps } from '../../../deps';
import {
  activitiesKeepingNumbers,
  requestActivityRecompute,
  requestRecompute,
} from '../../../training/request-recompute';
import { AppError } from '../../../errors';
import { athleteNotFound } from '../../middleware/authorize';
import { requireAthlete, requirePrincipal } from '../../middleware/require-auth';
import { declareRoute } from '../../surface/declare-route';
import { parseInput } from './parse-input';
import { areasBody, physiologyBody } from '../../surface/dashboard-schemas';

const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * The coach's user id when a coach makes this change (with the athlete's "adjust my training settings"
 * grant, else 403), or null when the athlete makes it. Consent alone lets a coach see, not change.
 */
async function coachAllowedToAdjust(deps: Deps, req: Request, athleteId: string): Promise<string | null> {
  const p = requirePrincipal(req);
  if (p.role !== 'coach') return null;
  const scopes = await activeCoachScopes(deps.db, p.userId, athleteId);
  if (!scopes) throw athleteNotFound();
  if (!scopes.includes('adjust-training')) {
    throw new AppError(
      'forbidden',
      'This athlete has not allowed you to adjust their training settings; they can grant it on their page.',
    );
  }
  return p.userId;
}

/**
 * What changes the numbers: physiology (athlete or a coach with consent) and the body areas a strength
 * or other session worked (the athlete). Each change queues a recompute of the affected days; the
 * recompute job notices a physiology change and recomputes every activity on the new basis.
 */
export function trainingSettingsRoutes(deps: Deps): Router {
  const router = Router();

  declareRoute(deps, router, 'put', '/api/athletes/:athleteId/physiology', async (req: Request, res) => {
    const { _csrf: _token, ...entered } = parseInput(physiologyBody, req.body);
    const athleteId = String(req.params.athleteId).toLowerCase();
    const given = Object.entries(entered).filter(([, v]) => v !== undefined);
    const values = Object.fromEntries(given.filter(([, v]) => v !== null));
    const cleared = given.filter(([, v]) => v === null).map(([k]) => k);
    const coachUserId = await coachAllowedToAdjust(deps, req, athleteId);
    // Record who typed each value (labels say "entered by you" or "entered by your coach").
    const by = coachUserId ? 'coach' : 'athlete';
    const saved = await withTransaction(deps.db, async (tx) => {
      const result = await savePhysiologyEntered(tx, athleteId, values, cleared, by);
      if (result && coachUserId) {
        const at = new Date(deps.clock());
        const detail = { values, cleared };
        await recordCoachChange(tx, {
          athleteId,
          coachUserId,
          actor: 'coach',
          action: 'physiology-changed',
          detail,
          at,
        });
      }
      return result;
    });
    if (!saved) throw athleteNotFound();
    if (saved.firstActivityDate) {
      await requestRecompute(deps, athleteId, saved.firstActivityDate, { recomputeActivities: true });
    }
    const { _enteredBy: enteredBy, ...storedValues } = saved.entered;
    const kept = await activitiesKeepingNumbers(deps, athleteId);
    res.json({
      entered: storedValues,
      enteredBy,
      message:
        kept.count === 0
          ? 'Saved. Every activity is being recomputed with these values.'
          : `Saved. Activities are being recomputed with these values. ${kept.explanation}`,
      keptActivities: kept,
    });
  });

  declareRoute(deps, router, 'put', '/api/me/activities/:activityId/areas', async (req, res) => {
    const athlete = requireAthlete(req);
    const activityId = req.params.activityId;
    if (typeof activityId !== 'string' || !/^\d{1,19}$/.test(activityId) || BigInt(activityId) > MAX_BIGINT) {
      throw new AppError('not_found', 'No such activity of yours.');
    }
    const { areas } = parseInput(areasBody, req.body);
    const localDate = await saveTaggedAreas(deps.db, athlete.athleteId, activityId, areas);
    if (!localDate) throw new AppError('not_found', 'No such activity of yours.');
    await requestActivityRecompute(deps, athlete.athleteId, activityId, localDate);
    res.json({ activityId, areas, message: 'Saved. The strain estimate for this session is being updated.' });
  });

  return router;
}
