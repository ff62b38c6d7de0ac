/** computeActivityLoad: the pinned method order, confidence, inputs and recovery window. */
import { computeActivityLoad, recoveryWindowOf } from '../../../../../services/domain/load';
import { buildActivity, constant, ENTERED, physiology, seconds } from './builders';

const rideStreams = { timeS: seconds(3600), powerW: constant(3600, 250), heartrateBpm: constant(3600, 150) };
const runStreams = {
  velocityMps: constant(3600, 1000 / 240),
  gradePct: constant(3600, 0),
  heartrateBpm: constant(3600, 150),
};

describe('computeActivityLoad', () => {
  it('when a ride has meter power and an FTP, then power TSS wins with high confidence', () => {
    const r = computeActivityLoad(
      buildActivity({ sportType: 'Ride', deviceWatts: true }, rideStreams),
      physiology(),
    );
    expect(r).toMatchObject({ method: 'powerTss', confidence: 'high', fallbackReasons: [] });
    expect(r.load).toBeCloseTo(100, 9); // 1 h at NP 250 = FTP 250
    expect(r.inputs.physiology).toEqual([{ key: 'ftpW', value: 250, source: 'entered' }]);
    expect(r.metrics.hrss).not.toBeNull(); // the other metrics are still computed
  });

  it('when Strava estimated the power (deviceWatts false), then HRSS from the stream is used and why is recorded', () => {
    const r = computeActivityLoad(
      buildActivity({ sportType: 'Ride', deviceWatts: false }, rideStreams),
      physiology(),
    );
    expect(r.method).toBe('hrssStream');
    expect(r.fallbackReasons).toEqual([
      { method: 'powerTss', code: 'noDeviceWatts', detail: expect.any(String) },
      { method: 'runningStress', code: 'notAFootSport', detail: 'Ride' },
      { method: 'swimStress', code: 'notASwim', detail: 'Ride' }, // slot added by issue 16
    ]);
  });

  it('when a ride has no streams but a weighted average power, then it stands in for NP at medium confidence', () => {
    const a = buildActivity({
      sportType: 'Ride',
      deviceWatts: true,
      weightedAveragePowerW: 225,
      movingTimeS: 7200,
    });
    const r = computeActivityLoad(a, physiology());
    expect(r).toMatchObject({ method: 'powerTss', confidence: 'medium' });
    expect(r.metrics.normalizedPowerSource).toBe('summaryWeightedAverage');
    expect(r.load).toBeCloseTo(162, 9); // 2 h x (225/250)^2 x 100
  });

  it('when the FTP is unknown, then power is skipped with noFtp', () => {
    const r = computeActivityLoad(
      buildActivity({ sportType: 'Ride', deviceWatts: true }, rideStreams),
      physiology({ ...ENTERED, ftpW: null }),
    );
    expect(r.fallbackReasons[0]).toMatchObject({ method: 'powerTss', code: 'noFtp' });
  });

  it('when a run has speed, grade and a threshold pace, then running stress wins', () => {
    const r = computeActivityLoad(buildActivity({ sportType: 'Run' }, runStreams), physiology());
    expect(r).toMatchObject({ method: 'runningStress', confidence: 'high' });
    expect(r.load).toBeCloseTo(100, 9);
    expect(r.fallbackReasons.map((f) => f.code)).toEqual(['notARide']);
  });

  it('when the threshold pace is unknown, then HRSS from the stream is used with its inputs and sources', () => {
    const r = computeActivityLoad(
      buildActivity({}, runStreams),
      physiology({ ...ENTERED, thresholdPaceSPerKm: null }),
    );
    expect(r.method).toBe('hrssStream');
    expect(r.fallbackReasons.map((f) => f.code)).toEqual(['notARide', 'noThresholdPace', 'notASwim']);
    expect(r.inputs.trimpSex).toBe('male');
    expect(r.inputs.physiology.map((p) => `${p.key}:${p.source}`)).toEqual([
      'hrMaxBpm:entered',
      'hrRestBpm:entered',
      'lthrBpm:entered',
      'sex:entered',
    ]);
  });

  it('when only the average HR is known, then HRSS from it has medium confidence', () => {
    const r = computeActivityLoad(buildActivity({ averageHeartrateBpm: 162 }), physiology());
    expect(r).toMatchObject({ method: 'hrssAverage', confidence: 'medium' });
    expect(r.load).toBeCloseTo(100, 9); // an hour at LTHR
  });

  it('when HR thresholds are all defaults, then the HR load is one confidence step lower', () => {
    const r = computeActivityLoad(buildActivity({ averageHeartrateBpm: 150 }), physiology({}));
    expect(r).toMatchObject({ method: 'hrssAverage', confidence: 'low' });
  });

  it('when only an RPE is known, then session RPE is used', () => {
    const r = computeActivityLoad(buildActivity({ rpe: 7 }), physiology());
    expect(r).toMatchObject({ method: 'sessionRpe', confidence: 'medium' });
    expect(r.load).toBeCloseTo(100, 9);
  });

  it('when nothing but the duration is known, then the sport default gives a low-confidence load', () => {
    const r = computeActivityLoad(buildActivity({ sportType: 'Hike', movingTimeS: 7200 }), physiology());
    expect(r).toMatchObject({ method: 'duration', confidence: 'low', load: 90 });
    expect(r.fallbackReasons.map((f) => f.code)).toEqual([
      'notARide',
      'noSpeedOrGrade',
      'notASwim', // swim-stress slot added by issue 16
      'noHrStream',
      'noAverageHr',
      'noRpe',
    ]);
  });

  it('when moving time is missing, then elapsed time is the duration and says so', () => {
    const r = computeActivityLoad(
      buildActivity({ movingTimeS: Number.NaN, elapsedTimeS: 1800 }),
      physiology(),
    );
    expect(r.inputs).toMatchObject({ durationS: 1800, durationSource: 'elapsedTime' });
  });

  it('when a session scores 320, then its recovery window is "high" (72 h)', () => {
    const r = computeActivityLoad(buildActivity({ rpe: 10, movingTimeS: 8064 }), physiology()); // 10 x 134.4 x 100/420 = 320
    expect(r.recovery).toEqual({ band: 'high', typicalRecoveryH: 72 });
  });

  it('when streams exist, then the observed max HR (held 5 s) is reported for storage', () => {
    const r = computeActivityLoad(
      buildActivity({}, { heartrateBpm: [...constant(60, 150), ...constant(5, 188), 150] }),
      physiology(),
    );
    expect(r.metrics.observedMaxHrBpm).toBe(188);
  });
});

describe('recoveryWindowOf (Allen & Coggan bands)', () => {
  it.each([
    [0, 'low', 24],
    [149.99, 'low', 24],
    [150, 'medium', 48],
    [299.99, 'medium', 48],
    [300, 'high', 72],
    [450, 'high', 72],
    [450.01, 'veryHigh', 96],
  ] as const)('when the load is %d, then the band is %s (%i h)', (load, band, hours) => {
    expect(recoveryWindowOf(load)).toEqual({ band, typicalRecoveryH: hours });
  });
});
