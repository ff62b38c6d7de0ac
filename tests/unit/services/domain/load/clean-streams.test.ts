/** Stream cleaning: every kind of artefact is fixed the documented way and counted. */
import { cleanStreams } from '../../../../../services/domain/load';
import { constant, seconds } from './builders';

describe('cleanStreams', () => {
  it('when streams are clean 1 Hz, then every sample is kept with 1 s each', () => {
    const c = cleanStreams({ timeS: seconds(5), heartrateBpm: constant(5, 140) }, 'Run');
    expect(c.length).toBe(5);
    expect(c.movingTimeS).toBe(5);
    expect(Object.values(c.report.counts).every((n) => n === 0)).toBe(true);
  });

  it('when there is no time stream, then 1 Hz is assumed and recorded', () => {
    const c = cleanStreams({ heartrateBpm: constant(10, 140) }, 'Run');
    expect(c.report.assumedOneHz).toBe(true);
    expect(c.movingTimeS).toBe(10);
  });

  it.each([
    ['zero', 0, 'hrZero'],
    ['NaN', Number.NaN, 'hrNonFinite'],
    ['300 bpm', 300, 'hrOutOfRange'],
    ['20 bpm', 20, 'hrOutOfRange'],
  ] as const)('when one HR sample is %s, then it is invalidated and counted as %s', (_n, bad, kind) => {
    const c = cleanStreams({ heartrateBpm: [140, 141, bad, 142, 143] }, 'Run');
    expect(Number.isNaN(c.hrBpm![2])).toBe(true);
    expect(c.report.counts[kind]).toBe(1);
  });

  it('when one HR sample jumps > 25 bpm above both neighbours, then it is a spike; a sustained rise is kept', () => {
    const c = cleanStreams({ heartrateBpm: [140, 140, 200, 140, 140, 170, 170, 170] }, 'Run');
    expect(Number.isNaN(c.hrBpm![2])).toBe(true);
    expect(c.hrBpm![5]).toBe(170);
    expect(c.report.counts.hrSpike).toBe(1);
  });

  it.each([
    ['3000 W', 3000, 'powerAbsurd'],
    ['-5 W', -5, 'powerNegative'],
    ['NaN', Number.NaN, 'powerNonFinite'],
  ] as const)('when one power sample is %s, then it is invalidated and counted as %s', (_n, bad, kind) => {
    const c = cleanStreams({ powerW: [200, bad, 0] }, 'Ride');
    expect(Number.isNaN(c.powerW![1])).toBe(true);
    expect(c.powerW![2]).toBe(0); // coasting at 0 W is real
    expect(c.report.counts[kind]).toBe(1);
  });

  it('when time goes backwards or repeats, then those samples are dropped and counted', () => {
    const c = cleanStreams(
      { timeS: [0, 1, 2, 1, 2, 3], heartrateBpm: [100, 101, 102, 103, 104, 105] },
      'Run',
    );
    expect(c.report.counts.timeBackwards).toBe(2);
    expect(Array.from(c.hrBpm!)).toEqual([100, 101, 102, 105]);
    expect(c.movingTimeS).toBe(4); // 1 (first) + 1 + 1 + 1
  });

  it('when the time jumps by more than 10 s, then it is a sensor gap credited 1 s', () => {
    const c = cleanStreams({ timeS: [0, 1, 2, 300, 301], heartrateBpm: constant(5, 150) }, 'Run');
    expect(c.report.counts.sensorGap).toBe(1);
    expect(c.movingTimeS).toBe(5);
  });

  it('when samples are 5 s apart (smart recording), then each is credited 5 s', () => {
    const c = cleanStreams({ timeS: [0, 5, 10], heartrateBpm: constant(3, 150) }, 'Run');
    expect(c.movingTimeS).toBe(11); // 1 + 5 + 5
  });

  it('when moving is false, then the sample is a pause: dropped and counted', () => {
    const c = cleanStreams(
      { timeS: seconds(4), moving: [true, false, false, true], heartrateBpm: constant(4, 150) },
      'Run',
    );
    expect(c.report.counts.paused).toBe(2);
    expect(c.movingTimeS).toBe(2);
  });

  it('when streams have different lengths, then all are truncated to the shortest and the lengths recorded', () => {
    const c = cleanStreams(
      { timeS: seconds(10), heartrateBpm: constant(8, 150), powerW: constant(6, 200) },
      'Ride',
    );
    expect(c.length).toBe(6);
    expect(c.report.streamLengths).toEqual({ timeS: 10, heartrateBpm: 8, powerW: 6 });
    expect(c.report.counts.lengthMismatch).toBe(4);
  });

  it('when a time value is NaN, then the sample is dropped as timeInvalid', () => {
    const c = cleanStreams({ timeS: [0, Number.NaN, 2], heartrateBpm: constant(3, 150) }, 'Run');
    expect(c.report.counts.timeInvalid).toBe(1);
    expect(c.length).toBe(2);
  });

  it('when a run has an absurd speed or grade, then speed is invalidated and grade clamped to 45 %', () => {
    const c = cleanStreams({ velocityMps: [3, 20, -1], gradePct: [5, 80, Number.NaN] }, 'Run');
    expect(c.report.counts.speedInvalid).toBe(2);
    expect(c.report.counts.gradeClamped).toBe(1);
    expect(c.report.counts.gradeInvalid).toBe(1);
    expect(Array.from(c.gradeFrac!).slice(0, 2)).toEqual([0.05, 0.45]);
  });

  it('when a ride goes 20 m/s downhill, then the speed is kept (the foot-sport cap does not apply)', () => {
    expect(cleanStreams({ velocityMps: [20] }, 'Ride').speedMps![0]).toBe(20);
  });

  it('when every stream is empty, then nothing is kept and nothing throws', () => {
    const c = cleanStreams({ timeS: [], heartrateBpm: [] }, 'Run');
    expect(c.length).toBe(0);
    expect(c.hrBpm).toBeNull();
  });
});
