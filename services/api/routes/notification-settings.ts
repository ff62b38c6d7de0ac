import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { withTransaction } from '../../../db/pool';
import { clearEmail } from '../../../db/queries/email-addresses';
import {
  getNotifyProfile,
  saveAlertSettings,
  saveNotificationPrefs,
  setInjuredOrIll,
} from '../../../db/queries/notification-prefs';
import { saveChosenTimeZone } from '../../../db/queries/athletes';
import { countRaces, deleteRace, insertRace, listRaces } from '../../../db/queries/races';
import type { Deps } from '../../deps';
import { ALERT_RULES, alertSettingsSchema } from '../../domain/recommend';
import { AppError } from '../../errors';
import { athleteToday, requestRecomputeFromToday } from '../../training/request-recompute';
import { requestEmailConfirmation } from '../../notify/email-confirmation';
import { enqueueOutboxEmails } from '../../notify/outbox-relay';
import { parseNotificationPrefs } from '../../notify/preferences';
import { parseBody, raceInputSchema, statusInputSchema } from '../../notify/settings-schemas';
import { coachAlertRoutes } from './coach-alert-settings';
import { addressInput, settingsInput } from '../surface/settings-routes';

const MAX_RACES = 50;
/** Said with every settings answer: what the zone drives, and what a change does not do. */
const TIME_ZONE_NOTE =
  'Your time zone sets your "today", quiet hours and the digest hour. Changing it never moves past ' +
  'activities: each stays on the day it was recorded, in the local time where it happened.';

/** Email address, alert preferences, races, injured flag (issue 6). Session athletes only; CSRF applies. */
export function notificationSettingsRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/api/me/notification-settings', requireAthlete, async (req, res) => {
    res.json(await settingsView(deps, athleteOf(req)));
  });
  router.put('/api/me/notification-settings', requireAthlete, async (req, res) => {
    const input = parseBody(settingsInput, req.body);
    const athleteId = athleteOf(req);
    await withTransaction(deps.db, async (tx) => {
      const profile = await getNotifyProfile(tx, athleteId);
      if (!profile) throw new AppError('not_found', 'Athlete not found');
      if (input.preferences)
        await saveNotificationPrefs(tx, athleteId, {
          ...parseNotificationPrefs(profile.notificationPrefs),
          ...input.preferences,
        });
      if (input.alertSettings) await saveAlertSettings(tx, athleteId, input.alertSettings);
      if (input.timeZone) await saveChosenTimeZone(tx, athleteId, input.timeZone);
    });
    // A new zone moves "today": extend the series and re-evaluate the rules on the athlete's new day.
    if (input.alertSettings || input.timeZone) await requestRecomputeFromToday(deps, athleteId);
    res.json(await settingsView(deps, athleteId));
  });
  router.put('/api/me/email', requireAthlete, async (req, res) => {
    const { address } = parseBody(addressInput, req.body);
    const athleteId = athleteOf(req);
    const userId = req.session.userId;
    if (!userId) throw new AppError('unauthorized', 'Sign in again');
    const queued = await withTransaction(deps.db, async (tx) => {
      const profile = await getNotifyProfile(tx, athleteId);
      return requestEmailConfirmation(tx, deps, {
        userId,
        athleteId,
        address,
        recipientName: profile?.firstname ?? null,
        nowMs: deps.clock(),
      });
    });
    await enqueueOutboxEmails(deps, [queued]);
    res.status(202).json({
      ...(await settingsView(deps, athleteId)),
      message: `We sent a confirmation link to ${address}. Alerts start once you confirm.`,
    });
  });
  router.delete('/api/me/email', requireAthlete, async (req, res) => {
    if (req.session.userId) await clearEmail(deps.db, req.session.userId);
    res.json(await settingsView(deps, athleteOf(req)));
  });
  router.put('/api/me/status', requireAthlete, async (req, res) => {
    const { injuredOrIll } = parseBody(statusInputSchema, req.body);
    await setInjuredOrIll(deps.db, athleteOf(req), injuredOrIll);
    await requestRecomputeFromToday(deps, athleteOf(req));
    res.json({ injuredOrIll });
  });
  router.get('/api/me/races', requireAthlete, async (req, res) => {
    res.json({ races: await listRaces(deps.db, athleteOf(req), await athleteToday(deps, athleteOf(req))) });
  });
  router.post('/api/me/races', requireAthlete, async (req, res) => {
    const race = parseBody(raceInputSchema, req.body);
    const athleteId = athleteOf(req);
    if (race.raceDate < (await athleteToday(deps, athleteId)))
      throw new AppError('bad_request', 'raceDate: must be today or later', {
        fields: [{ field: 'raceDate', message: 'must be today or later' }],
      });
    if ((await countRaces(deps.db, athleteId)) >= MAX_RACES)
      throw new AppError('conflict', `At most ${MAX_RACES} races; delete old ones first.`);
    const row = await insertRace(deps.db, athleteId, race);
    await requestRecomputeFromToday(deps, athleteId);
    res.status(201).json(row);
  });
  router.delete('/api/me/races/:raceId', requireAthlete, async (req, res) => {
    const raceId = String(req.params.raceId);
    if (!z.uuid().safeParse(raceId).success) throw new AppError('not_found', 'No such race');
    if (!(await deleteRace(deps.db, athleteOf(req), raceId))) throw new AppError('not_found', 'No such race');
    await requestRecomputeFromToday(deps, athleteOf(req));
    res.status(204).end();
  });
  router.use(coachAlertRoutes(deps));
  return router;
}

function requireAthlete(req: Request, _res: Response, next: NextFunction): void {
  if (req.session?.role !== 'athlete' || !req.session.athleteId)
    return next(new AppError('unauthorized', 'Sign in with Strava to change your notification settings'));
  next();
}

function athleteOf(req: Request): string {
  return req.session.athleteId ?? '';
}

async function settingsView(deps: Deps, athleteId: string) {
  const profile = await getNotifyProfile(deps.db, athleteId);
  if (!profile) throw new AppError('not_found', 'Athlete not found');
  const alertSettings = alertSettingsSchema.safeParse(profile.alertSettings ?? {});
  return {
    email: {
      address: profile.email,
      confirmed: profile.emailConfirmedAt !== null && profile.email !== null,
      pendingAddress: profile.emailPending,
      status: profile.emailStatus,
      statusMessage: profile.emailStatusReason,
    },
    preferences: parseNotificationPrefs(profile.notificationPrefs),
    alertSettings: alertSettings.success ? alertSettings.data : {},
    rules: ALERT_RULES.map((r) => ({
      id: r.id,
      description: r.description,
      defaultThreshold: r.defaultThreshold,
      unit: r.unit,
      range: r.overrideRange,
    })),
    injuredOrIll: profile.injuredOrIll,
    timeZone: profile.timeZone,
    timeZoneSource: profile.timeZoneSource,
    timeZoneNote: TIME_ZONE_NOTE,
  };
}
