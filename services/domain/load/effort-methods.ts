/** The heart-rate, perceived-effort and duration load methods. */
import { HR_MAX_BPM, HR_MIN_BPM } from './clean-streams';
import { MAX_TRIMP_PER_HOUR, MAX_TRIMP_TOTAL } from './constants';
import { timeInHrZonesFromAverage, timeInHrZonesFromStream } from './hr-zones';
import { confidenceWith, used, type LoadContext, type MethodOutcome } from './load-context';
import { MIN_STREAM_COVERAGE } from './sensor-methods';
import { durationLoad, sessionRpeLoad, sportDefaultLoadPerHour } from './simple-load';
import {
  hrssFromTrimp,
  isUsableHrPhysiology,
  trimpConstants,
  trimpFromAverageHr,
  trimpFromStream,
} from './trimp';
import type { LoadInputs, LoadMethod, UsedPhysiologyValue } from './types';
import { zoneTrimpFromAverageHr, zoneTrimpFromStream, zoneTrimpLoad } from './zone-trimp';

/** Stream HRSS is "high" confidence only when valid HR covers this share of moving time. */
export const HIGH_CONFIDENCE_HR_COVERAGE = 0.9;

function hrInputs(ctx: LoadContext): UsedPhysiologyValue[] {
  const p = ctx.physiology;
  const out = [
    used('hrMaxBpm', p.hrMaxBpm),
    used('hrRestBpm', p.hrRestBpm),
    used('lthrBpm', p.lthrBpm),
    used('sex', p.sex),
  ];
  return p.hrLoadModel.value === 'banister' ? out : [...out, used('hrLoadModel', p.hrLoadModel)];
}

/**
 * With a zone model chosen, the HR slot's load is that model's TRIMP on the common scale instead of HRSS,
 * and the method field says which model (edwardsStream, zonalAverage, ...). Banister: unchanged.
 */
function withZoneModel(
  ctx: LoadContext,
  form: 'Stream' | 'Average',
  hrss: number,
  zoneTrimp: () => number | null,
): { load: number; method?: LoadMethod; zoneTrimp?: number } {
  const model = ctx.physiology.hrLoadModel.value;
  if (model === 'banister') return { load: hrss };
  const trimp = zoneTrimp();
  if (trimp === null || !Number.isFinite(trimp)) return { load: hrss };
  ctx.metrics.zoneTrimp ??= trimp;
  return { load: zoneTrimpLoad(model, trimp, ctx.hr), method: `${model}${form}`, zoneTrimp: trimp };
}

function trimpImplausible(trimp: number, durationS: number): boolean {
  return (
    !Number.isFinite(trimp) || trimp > MAX_TRIMP_TOTAL || trimp / (durationS / 3600) > MAX_TRIMP_PER_HOUR
  );
}

function hrLoadInputs(
  ctx: LoadContext,
  durationS: number,
  trimp: number,
  extra: Record<string, number>,
): LoadInputs {
  return {
    durationS,
    durationSource: extra.hrCoverage === undefined ? ctx.summaryDurationSource : 'streams',
    physiology: hrInputs(ctx),
    trimpSex: trimpConstants(ctx.hr.sex).sexUsed,
    methodValues: { trimp, ...extra },
  };
}

/** HRSS from the cleaned HR stream; time in zones comes along. */
export function hrssStreamOutcome(ctx: LoadContext): MethodOutcome {
  const cleaned = ctx.cleaned;
  if (!cleaned?.hrBpm) return { ok: false, code: 'noHrStream', detail: 'no heart-rate stream' };
  if (!isUsableHrPhysiology(ctx.hr))
    return { ok: false, code: 'implausibleHr', detail: JSON.stringify(ctx.hr) };
  if (cleaned.movingTimeS <= 0) return { ok: false, code: 'zeroDuration', detail: 'no moving samples' };
  const result = trimpFromStream(cleaned, ctx.hr);
  if (!result || result.coverage < MIN_STREAM_COVERAGE) {
    const share = Math.round((result?.coverage ?? 0) * 100);
    return { ok: false, code: 'hrMostlyInvalid', detail: `valid HR for ${share} % of moving time` };
  }
  if (trimpImplausible(result.trimp, cleaned.movingTimeS)) {
    return { ok: false, code: 'implausibleTrimp', detail: `TRIMP ${result.trimp}` };
  }
  const hrss = hrssFromTrimp(result.trimp, ctx.hr);
  Object.assign(ctx.metrics, {
    trimp: result.trimp,
    trimpSource: 'stream',
    hrss,
    hrCoverage: result.coverage,
    timeInHrZonesS: timeInHrZonesFromStream(cleaned, ctx.physiology.hrZones.value),
    hrZonesSource: 'stream',
  });
  const chosen = withZoneModel(ctx, 'Stream', hrss, () =>
    ctx.physiology.hrLoadModel.value === 'banister'
      ? null
      : (zoneTrimpFromStream(ctx.physiology.hrLoadModel.value, cleaned, ctx.hr)?.trimp ?? null),
  );
  const extra: Record<string, number> = chosen.zoneTrimp === undefined ? {} : { zoneTrimp: chosen.zoneTrimp };
  const inputs = hrLoadInputs(ctx, cleaned.movingTimeS, result.trimp, {
    hrCoverage: result.coverage,
    ...extra,
  });
  const base = result.coverage >= HIGH_CONFIDENCE_HR_COVERAGE ? 'high' : 'medium';
  const confidence = confidenceWith(base, inputs.physiology);
  return { ok: true, load: chosen.load, method: chosen.method, confidence, inputs };
}

/** HRSS from Strava's average HR over moving time (one TRIMP term). */
export function hrssAverageOutcome(ctx: LoadContext): MethodOutcome {
  const avg = ctx.averageHrBpm;
  if (avg === null || avg < HR_MIN_BPM || avg > HR_MAX_BPM) {
    return { ok: false, code: 'noAverageHr', detail: `average HR ${String(avg)}` };
  }
  if (!isUsableHrPhysiology(ctx.hr))
    return { ok: false, code: 'implausibleHr', detail: JSON.stringify(ctx.hr) };
  const durationS = ctx.summaryDurationS;
  if (durationS <= 0) return { ok: false, code: 'zeroDuration', detail: 'moving and elapsed time are 0' };
  const trimp = trimpFromAverageHr(avg, durationS, ctx.hr);
  if (trimpImplausible(trimp, durationS))
    return { ok: false, code: 'implausibleTrimp', detail: `TRIMP ${trimp}` };
  const hrss = hrssFromTrimp(trimp, ctx.hr);
  if (ctx.metrics.trimp === null) {
    Object.assign(ctx.metrics, {
      trimp,
      trimpSource: 'averageHr',
      hrss,
      timeInHrZonesS: timeInHrZonesFromAverage(avg, durationS, ctx.physiology.hrZones.value),
      hrZonesSource: 'averageHr',
    });
  }
  const model = ctx.physiology.hrLoadModel.value;
  const chosen = withZoneModel(ctx, 'Average', hrss, () =>
    model === 'banister' ? null : zoneTrimpFromAverageHr(model, avg, durationS, ctx.hr),
  );
  const extra: Record<string, number> = chosen.zoneTrimp === undefined ? {} : { zoneTrimp: chosen.zoneTrimp };
  const inputs = hrLoadInputs(ctx, durationS, trimp, { averageHrBpm: avg, ...extra });
  const confidence = confidenceWith('medium', inputs.physiology);
  return { ok: true, load: chosen.load, method: chosen.method, confidence, inputs };
}

/** Session RPE on the load scale (an hour at RPE 7 = 100), over moving time. */
export function sessionRpeOutcome(ctx: LoadContext): MethodOutcome {
  const rpe = ctx.rpe;
  if (rpe === null) return { ok: false, code: 'noRpe', detail: 'no RPE entered' };
  if (rpe < 1 || rpe > 10) return { ok: false, code: 'rpeOutOfRange', detail: `RPE ${rpe}` };
  const durationS = ctx.summaryDurationS;
  if (durationS <= 0) return { ok: false, code: 'zeroDuration', detail: 'moving and elapsed time are 0' };
  const load = sessionRpeLoad(rpe, durationS);
  ctx.metrics.sessionRpeLoad = load;
  return {
    ok: true,
    load,
    confidence: 'medium',
    inputs: { durationS, durationSource: ctx.summaryDurationSource, physiology: [], methodValues: { rpe } },
  };
}

/** Always available: hours x the sport's default load per hour (0 for a zero-length activity). */
export function durationOutcome(ctx: LoadContext): MethodOutcome {
  const durationS = ctx.summaryDurationS > 0 ? ctx.summaryDurationS : (ctx.cleaned?.movingTimeS ?? 0);
  const source = ctx.summaryDurationS > 0 ? ctx.summaryDurationSource : durationS > 0 ? 'streams' : 'none';
  const load = durationLoad(ctx.sportType, durationS);
  ctx.metrics.durationLoad = load;
  return {
    ok: true,
    load,
    confidence: 'low',
    inputs: {
      durationS,
      durationSource: source,
      physiology: [],
      methodValues: { loadPerHour: sportDefaultLoadPerHour(ctx.sportType) },
    },
  };
}
