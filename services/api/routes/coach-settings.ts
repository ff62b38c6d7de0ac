import { Router, type Request } from 'express';
import { withTransaction } from '../../../db/pool';
import { getAccountEmail } from '../../../db/queries/email-addresses';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { requestEmailConfirmation } from '../../notify/email-confirmation';
import { enqueueOutboxEmails } from '../../notify/outbox-relay';
import { parseBody } from '../../notify/settings-schemas';
import { declareRoute } from '../surface/declare-route';
import { addressInput } from '../surface/settings-routes';

/**
 * The coach's own settings (issue 22): their address, whether it is confirmed, change it (double opt-in,
 * the confirmed address keeps working until the new one is confirmed) and re-send the link. Alert copies
 * go only to a confirmed, deliverable address (listAlertCoaches), and the view says so.
 */
export function coachSettingsRoutes(deps: Deps): Router {
  const router = Router();
  declareRoute(deps, router, 'get', '/api/coach/settings', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await settingsView(deps, coachOf(req)));
  });
  declareRoute(deps, router, 'put', '/api/coach/email', async (req, res) => {
    const { address } = parseBody(addressInput, req.body);
    await sendConfirmation(deps, coachOf(req), address);
    res.status(202).json({
      ...(await settingsView(deps, coachOf(req))),
      message: `We sent a confirmation link to ${address}. Alert copies go there once you confirm.`,
    });
  });
  declareRoute(deps, router, 'post', '/api/coach/email/resend', async (req, res) => {
    const account = await getAccountEmail(deps.db, coachOf(req));
    const address = account?.pending ?? (account?.confirmedAt ? null : account?.address);
    if (!address) throw new AppError('conflict', 'Your address is already confirmed; nothing to re-send.');
    await sendConfirmation(deps, coachOf(req), address);
    res.status(202).json({
      ...(await settingsView(deps, coachOf(req))),
      message: `We sent a new confirmation link to ${address}.`,
    });
  });
  return router;
}

function coachOf(req: Request): string {
  const userId = req.session.userId;
  if (!userId) throw new AppError('unauthorized', 'Sign in again');
  return userId;
}

async function sendConfirmation(deps: Deps, userId: string, address: string): Promise<void> {
  const queued = await withTransaction(deps.db, async (tx) => {
    const account = await getAccountEmail(tx, userId);
    return requestEmailConfirmation(tx, deps, {
      userId,
      address,
      recipientName: account?.displayName ?? null,
      nowMs: deps.clock(),
    });
  });
  await enqueueOutboxEmails(deps, [queued]);
}

async function settingsView(deps: Deps, userId: string) {
  const account = await getAccountEmail(deps.db, userId);
  if (!account) throw new AppError('unauthorized', 'Sign in again');
  const confirmed = account.address !== null && account.confirmedAt !== null;
  const deliverable = confirmed && account.status === 'ok';
  return {
    displayName: account.displayName,
    email: {
      address: account.address,
      confirmed,
      pendingAddress: account.pending,
      status: account.status,
      statusMessage: account.statusReason,
    },
    alertCopies: {
      deliverable,
      message: deliverable
        ? `Alert copies for athletes you opted in to go to ${account.address}.`
        : 'Alert copies are not sent until your email address is confirmed and deliverable: use the link we emailed you, or re-send it.',
    },
  };
}
