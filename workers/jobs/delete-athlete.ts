import { createHash } from 'node:crypto';
import { withTransaction } from '../../db/pool';
import { findAthleteById } from '../../db/queries/athletes';
import { insertOutboxEmail } from '../../db/queries/email-outbox';
import { getAthleteContact, markAccessConfirmed } from '../../db/queries/strava-access';
import { eraseAthlete, erasureRef } from '../../services/athlete-erasure';
import type { Deps } from '../../services/deps';
import { renderStravaDeletionEmail } from '../../services/notify/render/render-deletion-email';
import { stravaApiFor } from '../../services/strava/client';
import type { JobData } from '../../services/queue/catalogue';
import type { JobRunner } from '../job-context';

/**
 * Deletes everything of an athlete. Idempotent: an athlete already gone is done.
 *
 * - reason 'deauthorized' (a webhook `authorized: "false"`) or 'access-lost' (Strava refused a token or
 *   refresh, or the periodic check): Strava's events are unsigned and a 401 can be a blip, so this is
 *   confirmed first with one call using the athlete's token — only when Strava itself rejects the token
 *   (and its refresh) is anything deleted. If Strava still accepts it nothing is deleted and the attempt
 *   is logged. On deletion the athlete gets one e-mail saying so (written after the deletion, holding
 *   only the address); reconnecting creates a new athlete from scratch. A transient Strava failure
 *   retries; a spent budget waits for the window without spending an attempt.
 * - reason 'disconnect': revoke at Strava (best effort), then delete.
 */
export const run: JobRunner<'delete-athlete'> = async (data, deps, ctx) => {
  const athlete = await findAthleteById(deps.db, data.athleteId);
  if (!athlete) {
    ctx.log.info({ athleteId: data.athleteId }, 'athlete already deleted');
    return;
  }
  const strava = stravaApiFor(deps);
  if (data.reason !== 'disconnect') {
    if (!(await strava.isAccessRevoked(data.athleteId))) {
      await markAccessConfirmed(deps.db, data.athleteId);
      ctx.log.warn(
        { athleteId: data.athleteId, stravaAthleteId: athlete.stravaAthleteId, reason: data.reason },
        data.reason === 'deauthorized'
          ? 'deauthorization event not confirmed: Strava still accepts our token, so nothing was deleted (forged or stale event)'
          : 'Strava access confirmed: nothing deleted',
      );
      return;
    }
  } else {
    await strava.deauthorize(data.athleteId).catch((err: Error) => {
      ctx.log.warn(
        { athleteId: data.athleteId, err: err.message },
        'could not revoke access at Strava; deleting locally anyway',
      );
    });
  }
  const contact = data.reason === 'disconnect' ? null : await getAthleteContact(deps.db, data.athleteId);
  // Queued and failed jobs and other Redis keys naming the athlete go too (this job itself is removed on
  // completion); the log names them only by a keyed reference.
  const deletion = await eraseAthlete(deps, data.athleteId);
  if (deletion.deleted && contact) await queueDeletionEmail(deps, data, contact);
  ctx.log.info(
    {
      ref: erasureRef(deps, data.athleteId),
      reason: data.reason,
      deleted: deletion.deleted,
      jobsRemoved: deletion.jobsRemoved,
      redisRemoved: deletion.redisRemoved,
    },
    'athlete data deleted',
  );
};

/** One e-mail per deletion (athlete ids are never reused); no foreign key, so it outlives the rows. */
async function queueDeletionEmail(
  deps: Deps,
  data: JobData<'delete-athlete'>,
  contact: { email: string; firstname: string },
): Promise<void> {
  const mail = renderStravaDeletionEmail({
    recipientName: contact.firstname || null,
    connectUrl: `${deps.config.publicUrl}/auth/strava`,
  });
  const id = await withTransaction(deps.db, (tx) =>
    insertOutboxEmail(tx, {
      // Hashed: after the deletion no row may hold the athlete's id.
      dedupKey: `strava-deleted-${createHash('sha256').update(data.athleteId).digest('hex').slice(0, 32)}`,
      kind: 'strava-data-deleted',
      recipient: contact.email,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      sealedSecrets: null, // the reconnect link carries no token
    }),
  );
  if (id) await deps.queues.enqueue('send-email', { outboxId: id });
}
