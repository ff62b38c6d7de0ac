/** The swim stress load method: pool and open-water swims scored from pace against a threshold swim pace. */
import { used, type LoadContext, type MethodOutcome } from './load-context';
import { swimStress } from './swim-stress';

export const SWIM_SPORTS: ReadonlySet<string> = new Set(['Swim']);

/** Swim stress for swims with a distance and a threshold swim pace (entered or from the athlete's swims). */
export function swimStressOutcome(ctx: LoadContext): MethodOutcome {
  if (!SWIM_SPORTS.has(ctx.sportType)) return { ok: false, code: 'notASwim', detail: ctx.sportType };
  const distanceM = ctx.distanceM;
  const movingS = ctx.summaryDurationS;
  if (distanceM === null || distanceM <= 0 || movingS <= 0)
    return { ok: false, code: 'noSwimDistance', detail: `distance ${String(distanceM)} m in ${movingS} s` };
  const pace = ctx.physiology.thresholdSwimPaceSPer100m;
  if (!pace)
    return {
      ok: false,
      code: 'noThresholdSwimPace',
      detail: 'threshold swim pace neither entered nor estimable',
    };
  const elapsedS = ctx.elapsedTimeS !== null && ctx.elapsedTimeS >= movingS ? ctx.elapsedTimeS : movingS;
  const r = swimStress(distanceM, movingS, elapsedS, pace.value);
  ctx.metrics.swimStress = r.load;
  const physiology = [used('thresholdSwimPaceSPer100m', pace)];
  return {
    ok: true,
    load: r.load,
    // Summary numbers only (no stroke or rest detail): never "high".
    confidence: 'medium',
    inputs: {
      durationS: elapsedS,
      durationSource: elapsedS === movingS ? ctx.summaryDurationSource : 'elapsedTime',
      physiology,
      methodValues: {
        normalizedSwimSpeedMpm: r.normalizedSwimSpeedMpm,
        intensityFactor: r.intensityFactor,
        thresholdSwimPaceSPer100m: pace.value,
      },
    },
  };
}
