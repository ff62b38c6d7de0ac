import { findAthleteById } from '../../db/queries/athletes';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { assessScopes, parseScopes } from '../strava/scopes';

const RECONNECT_NOTICE = {
  code: 'reconnect_required',
  message:
    'Strava no longer accepts Kneadwise’s access (it was revoked or expired). Connect with Strava again to resume updates; your history is kept.',
};

/** The athlete's Strava connection as the dashboard shows it: state, scopes, notices, history import. */
export async function stravaConnectionStatus(deps: Deps, athleteId: string) {
  const a = await findAthleteById(deps.db, athleteId);
  if (!a) throw new AppError('not_found', 'No Strava connection for this account');
  const scopes = assessScopes(parseScopes(a.grantedScopes));
  return {
    state: a.connectionState,
    stravaAthleteId: a.stravaAthleteId,
    scopes: scopes.scopes,
    seesPrivateActivities: scopes.seesPrivateActivities,
    notices:
      a.connectionState === 'needs_reconnect' && scopes.canReadActivities
        ? [RECONNECT_NOTICE, ...scopes.notices]
        : scopes.notices,
    backfill: {
      status: a.backfillStatus,
      total: a.backfillTotal,
      summariesDone: a.backfillSummariesDone,
      streamsDone: a.backfillStreamsDone,
    },
  };
}
