import strava, { type StravaClientInstance } from 'strava-v3';
import { StatusCodeError } from 'strava-v3/axiosUtility';
import { markAthleteNeedsReconnect } from '../../db/queries/athletes';
import type { Deps } from '../deps';
import { PermanentJobError } from '../errors';
import { STRAVA_STREAM_KEYS, type StravaApi, type StravaCallPriority } from './api';
import { StravaAuthError, StravaNotFoundError, StravaUnavailableError } from './errors';
import { revokeAccess } from './oauth';
import { createRateBudget, type RateBudget } from './rate-budget';
import { createTokenStore, type TokenStore } from './token-store';
import { describeAttempt, missingScope, type Attempt } from './call-outcome';
import { callStrava } from './transport';
import {
  toAthleteProfile,
  toHeartRateZones,
  toStravaActivities,
  toStravaActivity,
  toStravaStreams,
} from './wire';

/** Metric label of each endpoint we call. */
type CallKind = 'activity' | 'streams' | 'activities' | 'athlete' | 'zones';

/**
 * The StravaApi over strava-v3 (the only code that calls Strava's API). Every call: takes a unit from the
 * shared Redis budget, gets a fresh access token (single-flight refresh), makes the request against
 * STRAVA_BASE_URL, feeds the rate-limit headers back to the budget and normalises the outcome:
 * 401 -> one forced refresh and one retry, then StravaAuthError (athlete marked needs_reconnect);
 * 404 -> StravaNotFoundError; 429 -> RateLimitWaitError (all processes wait for the window);
 * 5xx and timeouts -> StravaUnavailableError (retry with backoff). No token is ever logged.
 */
export function createStravaApi(
  deps: Deps,
  parts: { budget?: RateBudget; tokens?: TokenStore } = {},
): StravaApi {
  const budget =
    parts.budget ??
    createRateBudget(deps.redis, deps.config.queuePrefix, deps.clock, {
      webhookShare: deps.config.strava.webhookBudgetShare,
    });
  const tokens = parts.tokens ?? createTokenStore(deps);

  const attempt = async (
    kind: CallKind,
    priority: StravaCallPriority,
    token: string,
    run: (c: StravaClientInstance) => Promise<unknown>,
  ): Promise<Attempt> => {
    await budget.reserve(priority);
    const outcome = await callStrava(deps.config.strava.baseUrl, () => run(new strava.client(token)));
    const failed = outcome.ok ? undefined : outcome.error;
    const status = outcome.exchange?.status ?? (failed instanceof StatusCodeError ? failed.statusCode : 0);
    deps.metrics.stravaCalls.inc({ kind, status: status === 0 ? 'no_response' : String(status) });
    if (outcome.exchange) {
      await budget
        .observe(outcome.exchange.headers)
        .catch((err: Error) => deps.logger.warn({ err: err.message }, 'rate budget update failed'));
    }
    return { outcome, status };
  };

  async function call<T>(
    athleteId: string,
    kind: CallKind,
    priority: StravaCallPriority,
    what: string,
    run: (c: StravaClientInstance) => Promise<unknown>,
    map: (raw: unknown) => T,
  ): Promise<T> {
    let t = await tokens.accessToken(athleteId);
    let a = await attempt(kind, priority, t.accessToken, run);
    if (a.status === 401 && !missingScope(a)) {
      // Revoked, or expired early: one forced refresh (single-flight), one retry.
      t = await tokens.accessToken(athleteId, t.accessToken);
      a = await attempt(kind, priority, t.accessToken, run);
      if (a.status === 401 && !missingScope(a)) {
        await markAthleteNeedsReconnect(deps.db, athleteId);
        throw new StravaAuthError(athleteId, 'revoked');
      }
    }
    if (a.outcome.ok && a.status < 300) return map(a.outcome.value);
    if (a.status === 401)
      throw new StravaAuthError(
        athleteId,
        'missing_scope',
        `athlete ${athleteId} did not grant the scope ${what} needs`,
      );
    if (a.status === 404) throw new StravaNotFoundError(what);
    if (a.status === 429) throw await budget.rateLimited(a.outcome.exchange?.headers ?? {});
    if (a.status === 0 || a.status >= 500)
      throw new StravaUnavailableError(`Strava ${kind} call failed: ${describeAttempt(a)}`, a.status);
    throw new PermanentJobError(`Strava refused the ${kind} request with HTTP ${a.status}`);
  }

  return {
    getActivity: (athleteId, activityId, priority) =>
      call(
        athleteId,
        'activity',
        priority,
        `activity ${activityId}`,
        (c) => c.activities.get({ id: activityId }),
        toStravaActivity,
      ),
    getStreams: (athleteId, activityId, priority) =>
      call(
        athleteId,
        'streams',
        priority,
        `streams of activity ${activityId}`,
        (c) => c.streams.activity({ id: activityId, keys: [...STRAVA_STREAM_KEYS], key_by_type: true }),
        toStravaStreams,
      ),
    listActivities: (athleteId, q, priority) =>
      call(
        athleteId,
        'activities',
        priority,
        'activity list',
        (c) =>
          c.athlete.listActivities({
            page: q.page,
            per_page: Math.min(200, q.perPage),
            ...(q.after !== undefined ? { after: q.after } : {}),
            ...(q.before !== undefined ? { before: q.before } : {}),
          }),
        toStravaActivities,
      ),
    getAthlete: (athleteId) =>
      call(athleteId, 'athlete', 'live', 'athlete profile', (c) => c.athlete.get({}), toAthleteProfile),
    async getHeartRateZones(athleteId) {
      const t = await tokens.accessToken(athleteId);
      if (!t.scopes.includes('profile:read_all')) return null;
      try {
        return await call(
          athleteId,
          'zones',
          'live',
          'heart-rate zones',
          (c) => c.athlete.listZones({}),
          toHeartRateZones,
        );
      } catch (err) {
        if (err instanceof StravaAuthError && err.reason === 'missing_scope') return null;
        throw err;
      }
    },
    async deauthorize(athleteId) {
      let accessToken: string;
      try {
        accessToken = (await tokens.accessToken(athleteId)).accessToken;
      } catch (err) {
        if (err instanceof StravaAuthError && err.reason !== 'token_unreadable') return; // already dead at Strava
        throw err;
      }
      await revokeAccess(deps, accessToken);
    },
    async isAccessRevoked(athleteId) {
      try {
        await call(
          athleteId,
          'athlete',
          'live',
          'athlete profile',
          (c) => c.athlete.get({}),
          toAthleteProfile,
        );
        return false;
      } catch (err) {
        if (err instanceof StravaAuthError)
          return ['refresh_rejected', 'revoked', 'not_connected'].includes(err.reason);
        throw err;
      }
    },
  };
}

const apis = new WeakMap<Deps, StravaApi>();

/**
 * The process's StravaApi for these deps, created once (so the in-process refresh single-flight is
 * shared by every job of the process). Jobs and routes call this rather than createStravaApi.
 */
export function stravaApiFor(deps: Deps): StravaApi {
  let api = apis.get(deps);
  if (!api) {
    api = createStravaApi(deps);
    apis.set(deps, api);
  }
  return api;
}
