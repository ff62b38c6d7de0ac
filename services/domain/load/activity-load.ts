/**
 * The per-activity entry point. Workers call computeActivityLoad once per activity and store the result
 * (load, method, confidence, inputs, fallbackReasons, metrics, cleaning report).
 */
import type { ActivityInput } from '../activity';
import { durationOutcome, hrssAverageOutcome, hrssStreamOutcome, sessionRpeOutcome } from './effort-methods';
import {
  buildLoadContext,
  emptyMetrics,
  finiteOrNull,
  type LoadContext,
  type MethodOutcome,
} from './load-context';
import { localDateOf } from './local-date';
import { observedMaxHrBpm } from './observed-max-hr';
import type { ResolvedPhysiology } from './physiology-types';
import { recoveryWindowOf } from './recovery-window';
import { powerTssOutcome, runningStressOutcome } from './sensor-methods';
import { swimStressOutcome } from './swim-method';
import { durationLoad } from './simple-load';
import {
  LOAD_METHOD_ORDER,
  type ActivityLoadResult,
  type FallbackReason,
  type LoadMethod,
  type LoadSlot,
} from './types';

const METHODS: Readonly<Record<LoadSlot, (ctx: LoadContext) => MethodOutcome>> = {
  powerTss: powerTssOutcome,
  runningStress: runningStressOutcome,
  swimStress: swimStressOutcome,
  hrssStream: hrssStreamOutcome,
  hrssAverage: hrssAverageOutcome,
  sessionRpe: sessionRpeOutcome,
  duration: durationOutcome,
};

/** Runs every method (so all metrics are filled), then takes the first usable one in the pinned order. */
function selectLoad(ctx: LoadContext, localDate: string | null): ActivityLoadResult {
  const fallbackReasons: FallbackReason[] = [];
  let chosen: { method: LoadMethod; outcome: Extract<MethodOutcome, { ok: true }> } | null = null;
  for (const method of LOAD_METHOD_ORDER) {
    const outcome = METHODS[method](ctx);
    if (chosen) continue;
    if (outcome.ok && Number.isFinite(outcome.load) && outcome.load >= 0)
      chosen = { method: outcome.method ?? method, outcome };
    else if (outcome.ok)
      fallbackReasons.push({ method, code: 'internalError', detail: `load ${outcome.load}` });
    else fallbackReasons.push({ method, code: outcome.code, detail: outcome.detail });
  }
  // durationOutcome always succeeds with a finite, non-negative load, so `chosen` is set here.
  const { method, outcome } = chosen!;
  return {
    localDate,
    load: outcome.load,
    method,
    confidence: outcome.confidence,
    inputs: outcome.inputs,
    fallbackReasons,
    metrics: ctx.metrics,
    cleaning: ctx.cleaned?.report ?? null,
    recovery: recoveryWindowOf(outcome.load),
  };
}

/** The last-resort answer when even reading the input failed: a duration load from whatever is readable. */
function safeFallback(activity: unknown, error: unknown): ActivityLoadResult {
  const summary = (activity as { summary?: Record<string, unknown> } | null)?.summary ?? {};
  const sport = typeof summary.sportType === 'string' ? summary.sportType : 'Other';
  const movingS = finiteOrNull(summary.movingTimeS);
  const durationS = movingS !== null && movingS > 0 ? movingS : 0;
  const load = durationLoad(sport, durationS);
  const startLocal = summary.startDateLocal;
  return {
    localDate: typeof startLocal === 'string' ? localDateOf(startLocal) : null,
    load,
    method: 'duration',
    confidence: 'low',
    inputs: {
      durationS,
      durationSource: durationS > 0 ? 'movingTime' : 'none',
      physiology: [],
      methodValues: {},
    },
    fallbackReasons: [
      {
        method: 'powerTss',
        code: 'internalError',
        detail: `engine error, nothing could be computed: ${error instanceof Error ? error.message : String(error)}`,
      },
    ],
    metrics: emptyMetrics(load),
    cleaning: null,
    recovery: recoveryWindowOf(load),
  };
}

/**
 * Load of one activity on the "hour at threshold = 100" scale, by the first available method of:
 * power TSS > running stress > swim stress > HRSS (stream) > HRSS (average HR) > session RPE > duration x
 * sport default (the HR slots use the chosen zone TRIMP instead of HRSS when one was picked).
 * Streams are cleaned first. Pure and total: bad input never throws, it falls back and says why.
 */
export function computeActivityLoad(
  activity: ActivityInput,
  physiology: ResolvedPhysiology,
): ActivityLoadResult {
  try {
    const ctx = buildLoadContext(activity, physiology);
    if (ctx.cleaned) ctx.metrics.observedMaxHrBpm = observedMaxHrBpm(ctx.cleaned);
    const startLocal: unknown = activity.summary.startDateLocal;
    return selectLoad(ctx, typeof startLocal === 'string' ? localDateOf(startLocal) : null);
  } catch (error) {
    return safeFallback(activity, error);
  }
}
