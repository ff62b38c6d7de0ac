import { withTransaction, type Db } from '../../db/pool';
import { grantConsent } from '../../db/queries/coach-links';
import {
  findInviteByTokenHash,
  insertInvite,
  inviteState,
  markInviteUsed,
  type InviteState,
} from '../../db/queries/invites';
import { hashToken, newToken } from '../accounts/password-reset';
import { AppError } from '../errors';
import { COACH_HIDDEN_DATA, COACH_VISIBLE_DATA, consentTextFor, consentVersion } from './consent-text';

/** An invite link is good for 14 days and one athlete. */
export const INVITE_TTL_MS = 14 * 24 * 3600_000;

/** Creates an invite; the token is returned once (only its hash is stored) and never shown again. */
export async function createInvite(
  db: Db,
  coachUserId: string,
  note: string,
  nowMs: number,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(nowMs + INVITE_TTL_MS);
  const id = await insertInvite(db, { coachUserId, tokenHash: hashToken(token), note, expiresAt });
  return { id, token, expiresAt };
}

export interface InvitePreview {
  state: InviteState;
  coachName: string;
  note: string;
  expiresAt: string;
  /** What the coach will see, and what they will not. */
  visible: readonly string[];
  hidden: readonly string[];
  consentText: string;
  consentVersion: string;
}

const INVITE_MESSAGES: Record<Exclude<InviteState, 'open'>, string> = {
  used: 'This invite link was already used. Ask your coach for a new one.',
  expired: 'This invite link has expired. Ask your coach for a new one.',
  revoked: 'Your coach withdrew this invite. Ask them for a new one if needed.',
};

/** Reads an invite by its token; unknown tokens are a 404 (no hint whether anything exists). */
export async function previewInvite(db: Db, token: string, nowMs: number): Promise<InvitePreview> {
  const invite = await findInviteByTokenHash(db, hashToken(token));
  if (!invite)
    throw new AppError(
      'not_found',
      'This invite link is not valid. Check the link or ask your coach for a new one.',
    );
  const text = consentTextFor(invite.coachName || 'your coach');
  return {
    state: inviteState(invite, new Date(nowMs)),
    coachName: invite.coachName,
    note: invite.note,
    expiresAt: invite.expiresAt.toISOString(),
    visible: COACH_VISIBLE_DATA,
    hidden: COACH_HIDDEN_DATA,
    consentText: text,
    consentVersion: consentVersion(text),
  };
}

/**
 * The athlete accepts: the invite is consumed and the consent (its exact text, the time) is recorded in one
 * transaction. `shownVersion` must match the text the server would record, so the stored text is the one
 * the athlete was shown (409 if the wording changed in between). Dead invites answer 410 with a reason.
 */
export async function acceptInvite(
  db: Db,
  token: string,
  athleteId: string,
  shownVersion: string,
  nowMs: number,
): Promise<{ coachUserId: string }> {
  const invite = await findInviteByTokenHash(db, hashToken(token));
  if (!invite) throw new AppError('not_found', 'This invite link is not valid.');
  const now = new Date(nowMs);
  const state = inviteState(invite, now);
  if (state !== 'open') throw new AppError('gone', INVITE_MESSAGES[state], { reason: state });
  const text = consentTextFor(invite.coachName || 'your coach');
  if (consentVersion(text) !== shownVersion) {
    throw new AppError(
      'conflict',
      'The consent text changed since the page was loaded: reload and read it again.',
    );
  }
  await withTransaction(db, async (tx) => {
    if (!(await markInviteUsed(tx, invite.id, athleteId, now))) {
      throw new AppError('gone', INVITE_MESSAGES.used, { reason: 'used' });
    }
    await grantConsent(tx, {
      coachUserId: invite.coachUserId,
      athleteId,
      consentText: text,
      inviteId: invite.id,
      now,
    });
  });
  return { coachUserId: invite.coachUserId };
}
