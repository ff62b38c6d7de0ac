import { Router } from 'express';
import { withTransaction } from '../../../../db/pool';
import { listCoachesOfAthlete, revokeConsent } from '../../../../db/queries/coach-links';
import { cancelOpenOutboxEmails } from '../../../../db/queries/email-outbox';
import { inviteState, listInvitesOfCoach, revokeInvite } from '../../../../db/queries/invites';
import { acceptInvite, createInvite, previewInvite } from '../../../dashboard/invites';
import type { Deps } from '../../../deps';
import { AppError } from '../../../errors';
import { isUuid } from '../../middleware/authorize';
import { requireAthlete, requireCoach } from '../../middleware/require-auth';
import { declareRoute } from '../../surface/declare-route';
import { parseInput } from './parse-input';
import { acceptSchema, inviteSchema } from '../../surface/dashboard-schemas';

const TOKEN_RE = /^[A-Za-z0-9_-]{20,100}$/;
function tokenParam(value: unknown): string {
  if (typeof value !== 'string' || !TOKEN_RE.test(value)) {
    throw new AppError(
      'not_found',
      'This invite link is not valid. Check the link or ask your coach for a new one.',
    );
  }
  return value;
}

/** Invites (coach side), consent (athlete side): the only ways a coach link comes to exist or ends. */
export function consentRoutes(deps: Deps): Router {
  const router = Router();

  declareRoute(deps, router, 'get', '/api/coach/invites', async (req, res) => {
    const coach = requireCoach(req);
    const now = new Date(deps.clock());
    const rows = await listInvitesOfCoach(deps.db, coach.userId);
    res.json({
      invites: rows.map((r) => ({
        id: r.id,
        note: r.note,
        state: inviteState(r, now),
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
        usedAt: r.usedAt,
      })),
    });
  });

  declareRoute(deps, router, 'post', '/api/coach/invites', async (req, res) => {
    const coach = requireCoach(req);
    const input = parseInput(inviteSchema, req.body);
    const invite = await createInvite(deps.db, coach.userId, input.note, deps.clock());
    res.status(201).json({
      id: invite.id,
      url: `${deps.config.publicUrl}/invite/${invite.token}`,
      expiresAt: invite.expiresAt,
      message: 'Send this link to one athlete. It works once and expires in 14 days; it is shown only now.',
    });
  });

  declareRoute(deps, router, 'post', '/api/coach/invites/:inviteId/revoke', async (req, res) => {
    const coach = requireCoach(req);
    const id = req.params.inviteId;
    if (!isUuid(id) || !(await revokeInvite(deps.db, coach.userId, id, new Date(deps.clock())))) {
      throw new AppError('not_found', 'No open invite with this id.');
    }
    res.status(204).end();
  });

  declareRoute(deps, router, 'get', '/api/invites/:token', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await previewInvite(deps.db, tokenParam(req.params.token), deps.clock()));
  });

  declareRoute(deps, router, 'post', '/api/invites/:token/accept', async (req, res) => {
    const athlete = requireAthlete(req);
    const input = parseInput(acceptSchema, req.body);
    const result = await acceptInvite(
      deps.db,
      tokenParam(req.params.token),
      athlete.athleteId,
      input.consentVersion,
      deps.clock(),
    );
    res
      .status(201)
      .json({ coachUserId: result.coachUserId, message: 'Consent recorded. You can revoke it at any time.' });
  });

  declareRoute(deps, router, 'get', '/api/me/coaches', async (req, res) => {
    const athlete = requireAthlete(req);
    const coaches = await listCoachesOfAthlete(deps.db, athlete.athleteId);
    res.json({
      coaches: coaches.map((c) => ({
        coachUserId: c.coachUserId,
        name: c.coachName,
        email: c.coachEmail,
        consentText: c.consentText,
        consentedAt: c.consentedAt,
        revokedAt: c.revokedAt,
        scopes: c.scopes,
        sharePrivate: c.sharePrivate,
        active: c.revokedAt === null,
      })),
    });
  });

  declareRoute(deps, router, 'post', '/api/me/coaches/:coachId/revoke', async (req, res) => {
    const athlete = requireAthlete(req);
    const coachId = req.params.coachId;
    // The coach's emails about this athlete still waiting in the outbox go with the consent (same
    // transaction): a revoked coach receives nothing more about them.
    const revoked =
      isUuid(coachId) &&
      (await withTransaction(deps.db, async (tx) => {
        if (!(await revokeConsent(tx, coachId, athlete.athleteId, new Date(deps.clock())))) return false;
        await cancelOpenOutboxEmails(
          tx,
          { userId: coachId, athleteId: athlete.athleteId },
          'consent revoked',
        );
        return true;
      }));
    if (!revoked) {
      throw new AppError('not_found', 'No active consent for this coach.');
    }
    res.status(204).end();
  });

  return router;
}
