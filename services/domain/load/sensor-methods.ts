/** The sensor-based load methods: power TSS and grade-adjusted running stress. */
import { FOOT_SPORTS, RIDE_SPORTS } from './constants';
import { confidenceWith, used, type LoadContext, type MethodOutcome } from './load-context';
import { intensityFactor, normalizedPower, powerAtOneHz, powerTss } from './power-stress';
import { gradeAdjustedSpeed, runningStress, thresholdSpeedMps } from './running-stress';

/** Below this share of valid samples a stream is not trusted for its method. */
export const MIN_STREAM_COVERAGE = 0.5;

function streamNp(ctx: LoadContext): { npW: number; durationS: number } | MethodOutcome {
  const series = ctx.cleaned ? powerAtOneHz(ctx.cleaned) : null;
  if (!series) return { ok: false, code: 'noPower', detail: 'no power stream' };
  if (series.validShare < MIN_STREAM_COVERAGE) {
    return {
      ok: false,
      code: 'powerMostlyInvalid',
      detail: `valid power in ${pct(series.validShare)} of samples`,
    };
  }
  const npW = normalizedPower(series.watts);
  if (npW === null) return { ok: false, code: 'tooShortForNp', detail: `${series.watts.length} s of power` };
  return { npW, durationS: series.watts.length };
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Power TSS for rides with a power meter and a known FTP; the stream NP first, Strava's weighted average else. */
export function powerTssOutcome(ctx: LoadContext): MethodOutcome {
  if (!RIDE_SPORTS.has(ctx.sportType)) return { ok: false, code: 'notARide', detail: ctx.sportType };
  if (!ctx.deviceWatts) return { ok: false, code: 'noDeviceWatts', detail: 'deviceWatts is not true' };
  const ftp = ctx.physiology.ftpW;
  if (!ftp) return { ok: false, code: 'noFtp', detail: 'FTP neither entered nor estimable' };
  const fromStream = streamNp(ctx);
  let np: { npW: number; durationS: number; fromStream: boolean };
  if ('npW' in fromStream) np = { ...fromStream, fromStream: true };
  else if (ctx.weightedAveragePowerW !== null && ctx.weightedAveragePowerW > 0 && ctx.summaryDurationS > 0) {
    np = { npW: ctx.weightedAveragePowerW, durationS: ctx.summaryDurationS, fromStream: false };
  } else return fromStream;
  const intensity = intensityFactor(np.npW, ftp.value);
  const load = powerTss(np.durationS, np.npW, ftp.value);
  Object.assign(ctx.metrics, {
    normalizedPowerW: np.npW,
    normalizedPowerSource: np.fromStream ? 'stream' : 'summaryWeightedAverage',
    intensityFactor: intensity,
    powerTss: load,
  });
  const physiology = [used('ftpW', ftp)];
  return {
    ok: true,
    load,
    confidence: confidenceWith(np.fromStream ? 'high' : 'medium', physiology),
    inputs: {
      durationS: np.durationS,
      durationSource: np.fromStream ? 'streams' : ctx.summaryDurationSource,
      physiology,
      methodValues: { normalizedPowerW: np.npW, intensityFactor: intensity, ftpW: ftp.value },
    },
  };
}

/** Running stress for runs, trail runs, hikes and walks with speed + grade streams and a threshold pace. */
export function runningStressOutcome(ctx: LoadContext): MethodOutcome {
  if (!FOOT_SPORTS.has(ctx.sportType)) return { ok: false, code: 'notAFootSport', detail: ctx.sportType };
  const gap = ctx.cleaned ? gradeAdjustedSpeed(ctx.cleaned) : null;
  if (!gap || !ctx.cleaned)
    return { ok: false, code: 'noSpeedOrGrade', detail: 'speed or grade stream missing' };
  const pace = ctx.physiology.thresholdPaceSPerKm;
  if (!pace)
    return { ok: false, code: 'noThresholdPace', detail: 'threshold pace neither entered nor estimable' };
  if (gap.coverage < MIN_STREAM_COVERAGE) {
    return {
      ok: false,
      code: 'speedMostlyInvalid',
      detail: `valid speed for ${pct(gap.coverage)} of moving time`,
    };
  }
  const durationS = ctx.cleaned.movingTimeS;
  const intensity = gap.meanMps / thresholdSpeedMps(pace.value);
  const load = runningStress(durationS, gap.meanMps, pace.value);
  Object.assign(ctx.metrics, {
    gradeAdjustedSpeedMps: gap.meanMps,
    runningIntensity: intensity,
    runningStress: load,
  });
  const physiology = [used('thresholdPaceSPerKm', pace)];
  return {
    ok: true,
    load,
    confidence: confidenceWith('high', physiology),
    inputs: {
      durationS,
      durationSource: 'streams',
      physiology,
      methodValues: { gradeAdjustedSpeedMps: gap.meanMps, intensity, thresholdPaceSPerKm: pace.value },
    },
  };
}
