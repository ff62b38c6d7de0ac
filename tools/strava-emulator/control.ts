import type { EmulatorContext, FailureOptions } from './context';
import type { DeliveryOptions, DeliveryRecord, DeliveryStats } from './deliveries';
import { emitActivityCreated, emitActivityDeleted, emitActivityUpdated, emitDeauthorized } from './events';
import type { AthleteOverrides } from './generator/athletes';
import { exactActivity, type ExactActivityInput } from './generator/exact';
import { generateHistory, planActivity } from './generator/history';
import { utcOffsetS } from './generator/timezones';
import { WORKOUTS } from './generator/workouts';
import { toBigIntId } from './json';
import type { RateLimits, RateUsage } from './rate-limits';
import type { CallFilter, RequestLogEntry } from './request-log';
import { buildTruth, type JournalEntry, type WorldTruth } from './truth';
import type { ActivityRecord, EmulatedAthlete, ProfileName, WorkoutKind } from './types';

export interface CreateAthleteInput {
  profile?: ProfileName;
  /** Days of generated history ending now (emulator clock). Default 0 (no activities). */
  historyDays?: number;
  seed?: string | number;
  /** Any athlete field, e.g. `{ id: 42, largeIds: true, firstname: 'Ana' }`. */
  athlete?: AthleteOverrides;
}

export interface AddActivityInput {
  kind?: WorkoutKind;
  /** Start instant (ISO or epoch ms). Default: emulator now minus the duration. */
  startDate?: string | number;
  durationS?: number;
  private?: boolean;
  hasHeartrate?: boolean;
  name?: string;
  /** Explicit id (bigint, number or digit string), e.g. above 2^53. */
  id?: bigint | number | string;
  /** Known streams (and summary overrides) instead of generated ones; the duration follows the streams. */
  exact?: ExactActivityInput;
}

export interface ActivityUpdate {
  name?: string;
  sport_type?: string;
  private?: boolean;
  description?: string;
}

/** Builds the control API: it mutates the world and fires the webhook events Strava would fire. */
export function createControl(ctx: EmulatorContext) {
  const getActivity = (id: bigint | number | string): ActivityRecord => {
    const r = ctx.world.activity(toBigIntId(id));
    if (!r || r.deleted) throw new Error(`unknown activity ${String(id)}`);
    return r;
  };
  /** Every change the emulator performed on the world, in order: what a checker compares against. */
  const journal: JournalEntry[] = [];
  const note = (e: Omit<JournalEntry, 'atMs'>) => journal.push({ ...e, atMs: ctx.clock.now() });
  return {
    clock: ctx.clock,
    /** Non-interactive OAuth consent: returns a code for POST /oauth/token. Default scopes: read,activity:read_all,profile:read_all. */
    authorize(input: { athleteId: number; scopes?: string[] }): string {
      if (!ctx.world.athlete(input.athleteId)) throw new Error(`unknown athlete ${input.athleteId}`);
      return ctx.tokens.issueCode(
        input.athleteId,
        input.scopes ?? ['read', 'activity:read_all', 'profile:read_all'],
        ctx.clientId,
      );
    },
    createAthlete(input: CreateAthleteInput = {}): EmulatedAthlete {
      const h = generateHistory(input.profile ?? 'marathoner', {
        days: Math.max(1, input.historyDays ?? 1),
        endDate: ctx.clock.now(),
        seed: input.seed ?? ctx.chaos.int(1, 1e9),
        athlete: input.athlete,
      });
      ctx.world.addAthlete(h.athlete);
      if ((input.historyDays ?? 0) > 0) for (const p of h.plans) ctx.world.addActivity(p);
      return h.athlete;
    },
    athletes: (): EmulatedAthlete[] => ctx.world.listAthletes(),
    /** Adds an activity and emits `create` (subject to the athlete's scopes). Returns the new id. */
    addActivity(athleteId: number, input: AddActivityInput = {}): bigint {
      const a = ctx.world.athlete(athleteId);
      if (!a) throw new Error(`unknown athlete ${athleteId}`);
      const kind = input.kind ?? 'easy-run';
      const id =
        input.id !== undefined
          ? toBigIntId(input.id)
          : ctx.world.nextActivityId(athleteId, ctx.chaos.int(1e6, 9e6));
      const plan = newPlan(ctx, a, kind, id, input);
      const r = ctx.world.addActivity(plan);
      note({ kind: 'create', athleteId, activityId: id });
      emitActivityCreated(ctx, r);
      return id;
    },
    activities: (athleteId: number): ActivityRecord[] => ctx.world.activitiesOf(athleteId),
    /**
     * Ground truth for checkers: every athlete (authorized or not, with the scopes it granted) and every
     * activity ever added, deleted ones included, plus the journal of every change performed.
     */
    truth: (): WorldTruth => buildTruth(ctx, journal),
    /** Edits an activity; title/type/privacy changes emit the matching event, description edits are silent. */
    updateActivity(id: bigint | number | string, u: ActivityUpdate): void {
      const r = getActivity(id);
      const wasPrivate = r.private;
      if (u.name !== undefined) r.name = u.name;
      if (u.sport_type !== undefined) r.sportTypeOverride = u.sport_type;
      if (u.private !== undefined) r.private = u.private;
      if (u.description !== undefined) r.description = u.description;
      if (u.private !== undefined && u.private !== wasPrivate)
        note({ kind: 'privacy', athleteId: r.plan.athleteId, activityId: r.plan.id, private: u.private });
      if (u.name !== undefined) note({ kind: 'rename', athleteId: r.plan.athleteId, activityId: r.plan.id });
      emitActivityUpdated(ctx, r, { title: u.name, type: u.sport_type, private: u.private }, wasPrivate);
    },
    deleteActivity(id: bigint | number | string): void {
      const r = getActivity(id);
      r.deleted = true;
      note({ kind: 'delete', athleteId: r.plan.athleteId, activityId: r.plan.id });
      emitActivityDeleted(ctx, r, r.private);
    },
    /** Athlete revokes the app in Strava settings: tokens die and `authorized: "false"` is sent. */
    deauthorize(athleteId: number): void {
      const had = ctx.tokens.grants.has(athleteId);
      ctx.tokens.revokeAthlete(athleteId);
      note({ kind: 'deauthorize', athleteId });
      if (had) emitDeauthorized(ctx, athleteId);
    },
    expireAccessTokens: (athleteId: number): void => ctx.tokens.expireAccessTokens(athleteId),
    setRefreshRotation: (mode: typeof ctx.tokens.rotation): void => void (ctx.tokens.rotation = mode),
    advanceClock: (ms: number): void => ctx.clock.advance(ms),
    setRateLimits: (limits: Partial<RateLimits>): void => ctx.limiter.setLimits(limits),
    rateLimits: (): { limits: RateLimits; usage: RateUsage } => ({
      limits: ctx.limiter.limits(),
      usage: ctx.limiter.usage(),
    }),
    resetRateLimitUsage: (): void => ctx.limiter.reset(),
    setFailures: (f: Partial<FailureOptions>): void => void Object.assign(ctx.failures, f),
    setDeliveryOptions: (d: Partial<DeliveryOptions>): void => void Object.assign(ctx.deliveries.options, d),
    requestLog: (filter?: CallFilter): RequestLogEntry[] => ctx.log.list(filter),
    countCalls: (filter?: CallFilter): number => ctx.log.count(filter),
    resetLog: (): void => ctx.log.reset(),
    flushDeliveries: (): Promise<void> => ctx.deliveries.flush(),
    deliveryStats: (): DeliveryStats => ctx.deliveries.stats(),
    deliveries: (): DeliveryRecord[] =>
      ctx.deliveries.records.map((r) => ({ ...r, attempts: [...r.attempts] })),
    subscription: () => (ctx.subscription ? { ...ctx.subscription } : null),
  };
}

export type EmulatorControl = ReturnType<typeof createControl>;

function newPlan(
  ctx: EmulatorContext,
  a: EmulatedAthlete,
  kind: WorkoutKind,
  id: bigint,
  input: AddActivityInput,
) {
  if (!(kind in WORKOUTS)) throw new Error(`unknown workout kind ${kind}`);
  const prng = ctx.chaos.fork(`activity/${id}`);
  const start = typeof input.startDate === 'string' ? Date.parse(input.startDate) : input.startDate;
  const base = planActivity(a, kind, 0, 0, prng, id);
  const exact = input.exact ? exactActivity(input.exact) : undefined;
  const durationS = exact?.stats.elapsedTimeS ?? input.durationS ?? base.targetDurationS;
  const startMs = start ?? ctx.clock.now() - durationS * 1000;
  const localHour = new Date(startMs + utcOffsetS(a.timezoneIana, startMs) * 1000).getUTCHours();
  const named = planActivity(a, kind, 0, localHour, ctx.chaos.fork(`name/${id}`), id);
  return {
    ...base,
    startMs,
    targetDurationS: durationS,
    name: input.name ?? named.name,
    private: input.private ?? false,
    hasHeartrate: input.hasHeartrate ?? kind !== 'manual-run',
    ...(exact ? { exact } : {}),
  };
}
