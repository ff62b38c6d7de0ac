import { upsertConnectedAthlete, type AthleteConnection } from '../../db/queries/athletes';
import { withTransaction } from '../../db/pool';
import type { Deps } from '../deps';
import { exchangeCode } from '../strava/oauth';
import { assessScopes, parseScopes, type ScopeAssessment } from '../strava/scopes';
import { parseKeyring } from '../strava/token-crypto';
import { storeGrant } from '../strava/token-store';

export interface ConnectionResult {
  athlete: AthleteConnection;
  /** True the first time this Strava athlete connects. */
  created: boolean;
  scopes: ScopeAssessment;
  /** True when a backfill-athlete job was queued now. */
  backfillQueued: boolean;
}

/**
 * Finishes an OAuth callback whose state was already verified: exchanges the code (single use, so a
 * retry needs a new one), then in one transaction creates or updates the app_user + athlete and stores
 * the encrypted tokens. An athlete without an activity scope is stored as needs_reconnect (they can sign
 * in, read why, and reconnect). History is imported on first connect, or when an earlier import never
 * finished. Throws OAuthRejectedError for a bad code, StravaUnavailableError when Strava is down.
 */
export async function completeStravaConnection(
  deps: Deps,
  code: string,
  grantedScope: unknown,
): Promise<ConnectionResult> {
  const grant = await exchangeCode(deps, code);
  const scopes = assessScopes(parseScopes(grantedScope));
  const keyring = parseKeyring(deps.config.tokenEncryptionKeys);
  const { athlete, created } = await withTransaction(deps.db, async (tx) => {
    const r = await upsertConnectedAthlete(tx, {
      stravaAthleteId: grant.athlete.id,
      firstname: grant.athlete.firstname,
      lastname: grant.athlete.lastname,
      sex: grant.athlete.sex,
      grantedScopes: scopes.scopes.join(','),
      connectionState: scopes.canReadActivities ? 'connected' : 'needs_reconnect',
    });
    await storeGrant(tx, keyring, r.athlete.id, grant, scopes.scopes.join(','));
    return r;
  });
  let backfillQueued = false;
  if (
    scopes.canReadActivities &&
    (created || athlete.backfillStatus === 'pending' || athlete.backfillStatus === 'failed')
  ) {
    try {
      await deps.queues.enqueue('backfill-athlete', { athleteId: athlete.id });
      backfillQueued = true;
    } catch (err) {
      // The connection itself succeeded; reconnecting (or the next reconcile) starts the import later.
      deps.logger.error(
        { athleteId: athlete.id, err: (err as Error).message },
        'could not queue the history import',
      );
    }
  }
  deps.logger.info(
    { athleteId: athlete.id, created, scopes: scopes.scopes, connectionState: athlete.connectionState },
    'Strava connected',
  );
  return { athlete, created, scopes, backfillQueued };
}
