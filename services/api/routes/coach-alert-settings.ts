import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { withTransaction } from '../../../db/pool';
import { hasActiveCoachLink } from '../../../db/queries/coach-links';
import {
  getCoachAlertsOptIn,
  getNotifyProfile,
  saveAlertSettings,
  setCoachAlertsOptIn,
} from '../../../db/queries/notification-prefs';
import type { Deps } from '../../deps';
import { ALERT_RULES, alertSettingsSchema } from '../../domain/recommend';
import { AppError } from '../../errors';
import { requestRecomputeFromToday } from '../../training/request-recompute';
import { parseBody } from '../../notify/settings-schemas';
import { coachAlertSettingsInput } from '../surface/settings-routes';

/**
 * A coach tunes an athlete's alert thresholds and opts in to copies of their alerts. Consent is checked
 * on every request (never cached); no live link answers 404, whether or not the athlete exists.
 */
export function coachAlertRoutes(deps: Deps): Router {
  const router = Router();
  const consented = requireConsent(deps);
  router.get('/api/athletes/:athleteId/alert-settings', consented, async (req, res) => {
    res.json(await view(deps, req.session.userId ?? '', String(req.params.athleteId)));
  });
  router.put('/api/athletes/:athleteId/alert-settings', consented, async (req, res) => {
    const body = parseBody(coachAlertSettingsInput, req.body);
    const coachUserId = req.session.userId ?? '';
    const athleteId = String(req.params.athleteId);
    await withTransaction(deps.db, async (tx) => {
      if (body.alertSettings) await saveAlertSettings(tx, athleteId, body.alertSettings);
      if (body.coachAlertsOptIn !== undefined)
        await setCoachAlertsOptIn(tx, coachUserId, athleteId, body.coachAlertsOptIn);
    });
    if (body.alertSettings) {
      await requestRecomputeFromToday(deps, athleteId);
    }
    res.json(await view(deps, coachUserId, athleteId));
  });
  return router;
}

function requireConsent(deps: Deps) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const athleteId = String(req.params.athleteId);
    if (req.session?.role !== 'coach' || !req.session.userId)
      return next(new AppError('unauthorized', 'Sign in as a coach'));
    const live =
      z.uuid().safeParse(athleteId).success &&
      (await hasActiveCoachLink(deps.db, req.session.userId, athleteId));
    if (!live) return next(new AppError('not_found', 'No such athlete'));
    next();
  };
}

async function view(deps: Deps, coachUserId: string, athleteId: string) {
  const profile = await getNotifyProfile(deps.db, athleteId);
  const settings = alertSettingsSchema.safeParse(profile?.alertSettings ?? {});
  return {
    alertSettings: settings.success ? settings.data : {},
    rules: ALERT_RULES.map((r) => ({
      id: r.id,
      description: r.description,
      defaultThreshold: r.defaultThreshold,
      unit: r.unit,
      range: r.overrideRange,
    })),
    coachAlertsOptIn: (await getCoachAlertsOptIn(deps.db, coachUserId, athleteId)) ?? false,
  };
}
