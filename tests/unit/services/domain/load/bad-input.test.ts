/** Bad input never throws: the engine falls back to the next method and records why. */
import type { ActivityInput } from '../../../../../services/domain/activity';
import { computeActivityLoad } from '../../../../../services/domain/load';
import { buildActivity, constant, physiology, seconds } from './builders';

function codes(a: ActivityInput): string[] {
  return computeActivityLoad(a, physiology()).fallbackReasons.map((f) => f.code);
}

describe('computeActivityLoad with bad input', () => {
  it('when every HR sample is NaN, then stream HRSS is skipped (hrMostlyInvalid) and average HR is used', () => {
    const a = buildActivity({ averageHeartrateBpm: 150 }, { heartrateBpm: constant(600, Number.NaN) });
    const r = computeActivityLoad(a, physiology());
    expect(r.method).toBe('hrssAverage');
    expect(r.fallbackReasons.at(-1)).toMatchObject({ method: 'hrssStream', code: 'hrMostlyInvalid' });
    expect(r.cleaning!.counts.hrNonFinite).toBe(600);
  });

  it('when HR reads 300 throughout, then it is cleaned away and the fallback is recorded', () => {
    const r = computeActivityLoad(buildActivity({}, { heartrateBpm: constant(600, 300) }), physiology());
    expect(r.method).toBe('duration');
    expect(r.cleaning!.counts.hrOutOfRange).toBe(600);
    expect(r.fallbackReasons.map((f) => f.code)).toContain('hrMostlyInvalid');
  });

  it('when a power meter reads 3000 W throughout, then power TSS is skipped (powerMostlyInvalid)', () => {
    const a = buildActivity(
      { sportType: 'Ride', deviceWatts: true },
      { powerW: constant(600, 3000), heartrateBpm: constant(600, 150) },
    );
    const r = computeActivityLoad(a, physiology());
    expect(r.fallbackReasons[0]).toMatchObject({ method: 'powerTss', code: 'powerMostlyInvalid' });
    expect(r.method).toBe('hrssStream');
    expect(r.cleaning!.counts.powerAbsurd).toBe(600);
  });

  it('when a single 3000 W spike sits in a good stream, then power TSS still runs and the spike is counted', () => {
    const power = constant(3600, 250).map((w, i) => (i === 100 ? 3000 : w));
    const r = computeActivityLoad(
      buildActivity({ sportType: 'Ride', deviceWatts: true }, { powerW: power }),
      physiology(),
    );
    expect(r.method).toBe('powerTss');
    expect(r.load).toBeCloseTo(100, 6); // the spike held the previous 250 W
    expect(r.cleaning!.counts.powerAbsurd).toBe(1);
  });

  it('when time runs backwards, then those samples are dropped, counted, and a load is still returned', () => {
    const time = [...seconds(300), ...seconds(300).reverse()];
    const r = computeActivityLoad(
      buildActivity({}, { timeS: time, heartrateBpm: constant(600, 150) }),
      physiology(),
    );
    expect(r.cleaning!.counts.timeBackwards).toBe(300);
    expect(r.method).toBe('hrssStream');
    expect(r.inputs.durationS).toBe(300);
  });

  it('when stream lengths differ, then they are truncated to the shortest and the lengths are recorded', () => {
    const a = buildActivity(
      {},
      { timeS: seconds(900), heartrateBpm: constant(600, 150), velocityMps: constant(700, 3) },
    );
    const r = computeActivityLoad(a, physiology());
    expect(r.cleaning!.streamLengths).toEqual({ timeS: 900, heartrateBpm: 600, velocityMps: 700 });
    expect(r.inputs.durationS).toBe(600);
  });

  it('when the activity has zero length, then the load is 0 by duration and zeroDuration is recorded', () => {
    const a = buildActivity({ movingTimeS: 0, elapsedTimeS: 0, averageHeartrateBpm: 150, rpe: 5 });
    const r = computeActivityLoad(a, physiology());
    expect(r).toMatchObject({ method: 'duration', load: 0, confidence: 'low' });
    expect(codes(a)).toEqual([
      'notARide',
      'noSpeedOrGrade',
      'notASwim', // swim-stress slot added by issue 16
      'noHrStream',
      'zeroDuration',
      'zeroDuration',
    ]);
  });

  it('when streams are present but every array is empty, then nothing throws and the summary is used', () => {
    const r = computeActivityLoad(
      buildActivity({ averageHeartrateBpm: 150 }, { heartrateBpm: [], timeS: [] }),
      physiology(),
    );
    expect(r.method).toBe('hrssAverage');
  });

  it.each([
    ['NaN moving and elapsed time', { movingTimeS: Number.NaN, elapsedTimeS: Number.NaN }],
    ['negative moving time', { movingTimeS: -50, elapsedTimeS: -50 }],
    ['NaN average HR', { averageHeartrateBpm: Number.NaN }],
    ['average HR 300', { averageHeartrateBpm: 300 }],
    ['RPE 42', { rpe: 42 }],
    [
      'Infinity power',
      { sportType: 'Ride', deviceWatts: true, weightedAveragePowerW: Number.POSITIVE_INFINITY },
    ],
  ])('when the summary has %s, then a finite, non-negative load comes back', (_name, overrides) => {
    const r = computeActivityLoad(buildActivity(overrides), physiology());
    expect(Number.isFinite(r.load)).toBe(true);
    expect(r.load).toBeGreaterThanOrEqual(0);
  });

  it('when the input is not an activity at all, then an internalError fallback is returned, not thrown', () => {
    const r = computeActivityLoad({} as ActivityInput, physiology());
    expect(r).toMatchObject({ method: 'duration', load: 0, localDate: null });
    expect(r.fallbackReasons[0]!.code).toBe('internalError');
  });

  it('when stream values are null or strings at runtime, then they are cleaned as non-finite', () => {
    const hr = [150, null, 'abc', 150, 150] as unknown as number[];
    const r = computeActivityLoad(buildActivity({}, { heartrateBpm: hr }), physiology());
    expect(r.cleaning!.counts.hrNonFinite).toBe(2);
  });

  it('when the start date is unreadable, then localDate is null and the load is still computed', () => {
    const r = computeActivityLoad(buildActivity({ startDateLocal: 'yesterday', rpe: 7 }), physiology());
    expect(r).toMatchObject({ localDate: null, method: 'sessionRpe' });
  });
});
