/** NP/IF/TSS, Minetti grade adjustment and running stress, session RPE and the duration fallback. */
import {
  bestMeanPowerW,
  cleanStreams,
  durationLoad,
  gradeAdjustedSpeed,
  minettiCostRatio,
  normalizedPower,
  powerAtOneHz,
  powerTss,
  runningStress,
  sessionRpeLoad,
  sportDefaultLoadPerHour,
} from '../../../../../services/domain/load';
import { constant, seconds } from './builders';

describe('normalizedPower', () => {
  it('when 30 s at 240 W are followed by 1 s at 0 W, then NP is the 4th-power mean of the two windows', () => {
    // windows end at 30 s (mean 240) and 31 s (29 x 240 / 30 = 232): ((240^4 + 232^4) / 2)^(1/4) = 236.1016
    expect(normalizedPower([...constant(30, 240), 0])).toBeCloseTo(236.1016, 4);
  });

  it('when power alternates 0/400 W every second, then NP is 200 (every 30-s window averages 200)', () => {
    expect(normalizedPower(seconds(600).map((i) => (i % 2 === 0 ? 0 : 400)))).toBeCloseTo(200, 10);
  });

  it('when the series is shorter than 30 s, then NP is null', () => {
    expect(normalizedPower(constant(29, 300))).toBeNull();
  });
});

describe('powerAtOneHz', () => {
  it('when samples are 2 s apart, then each is held for 2 s', () => {
    const cleaned = cleanStreams({ timeS: [0, 2, 4], powerW: [100, 200, 300] }, 'Ride');
    // first sample credits 1 s, then 2 s each: 100, 200, 200, 300, 300
    expect(Array.from(powerAtOneHz(cleaned)!.watts)).toEqual([100, 200, 200, 300, 300]);
  });

  it('when a sample is cleaned away, then the last valid value is held and validShare drops', () => {
    const cleaned = cleanStreams({ powerW: [100, 3000, 300, Number.NaN] }, 'Ride');
    const r = powerAtOneHz(cleaned)!;
    expect(Array.from(r.watts)).toEqual([100, 100, 300, 300]);
    expect(r.validShare).toBe(0.5);
  });
});

describe('powerTss', () => {
  it.each([
    [3600, 250, 250, 100], // 1 h x 1.0^2 x 100
    [1800, 250, 250, 50], // 0.5 h x 1 x 100
    [3600, 200, 250, 64], // 1 h x 0.8^2 x 100
    [5400, 275, 250, 181.5], // 1.5 h x 1.1^2 x 100 = 1.5 x 121
  ])('when %i s at NP %i W with FTP %i W, then TSS is %d', (s, np, ftp, tss) => {
    expect(powerTss(s, np, ftp)).toBeCloseTo(tss, 10);
  });

  it('when looking for the best 20 minutes, then the highest 1200-s mean is found', () => {
    const watts = [...constant(600, 100), ...constant(1200, 300), ...constant(600, 100)];
    expect(bestMeanPowerW(watts, 1200)).toBe(300);
    expect(bestMeanPowerW(constant(10, 300), 1200)).toBeNull();
  });
});

describe('grade-adjusted speed (Minetti 2002)', () => {
  it.each([
    [0, 1], // Cr(0)/3.6
    [0.1, 1.657837], // 5.968214 / 3.6
    [-0.1, 0.597696], // (-0.001554 - 0.00304 + 0.0433 + 0.463 - 1.95 + 3.6) / 3.6 = 2.151706 / 3.6
    [0.6, 19.42602 / 3.6], // clamped to +0.45
  ])('when the gradient is %d, then the cost ratio is %d', (grade, ratio) => {
    expect(minettiCostRatio(grade)).toBeCloseTo(ratio, 5);
  });

  it('when half the time is +10 % and half -10 % at 3 m/s, then mean GAP is the average of both adjusted speeds', () => {
    const cleaned = cleanStreams(
      { velocityMps: constant(200, 3), gradePct: [...constant(100, 10), ...constant(100, -10)] },
      'Run',
    );
    // (3 x 1.657837 + 3 x 0.597696) / 2 = 3.383300
    expect(gradeAdjustedSpeed(cleaned)!.meanMps).toBeCloseTo(3.3833, 4);
  });

  it.each([
    [3600, 1000 / 240, 240, 100], // an hour at threshold speed on the flat
    [1800, 1000 / 240, 240, 50],
    [3600, 1000 / 300, 240, 64], // pace 300 s/km vs 240: IF 0.8
  ])(
    'when %i s at %d m/s against threshold pace %i s/km, then running stress is %d',
    (s, v, pace, expected) => {
      expect(runningStress(s, v, pace)).toBeCloseTo(expected, 10);
    },
  );
});

describe('session RPE and duration loads', () => {
  it.each([
    [7, 60, 100], // 7 x 60 x 100/420
    [6, 120, 171.428571], // 720 AU x 100/420
    [3, 30, 21.428571], // 90 x 100/420
    [10, 42, 100], // 420 x 100/420
  ])('when RPE %i for %i min, then load is %d', (rpe, minutes, expected) => {
    expect(sessionRpeLoad(rpe, minutes * 60)).toBeCloseTo(expected, 5);
  });

  it.each([
    ['Run', 5400, 97.5], // 1.5 h x 65
    ['Ride', 7200, 110], // 2 h x 55
    ['VirtualRide', 3600, 60],
    ['Walk', 3600, 30],
    ['Hike', 7200, 90],
    ['Swim', 1800, 35],
    ['Kitesurf', 7200, 100], // unknown sport: 2 h x 50
  ])('when a %s lasts %i s with nothing else known, then the duration load is %d', (sport, s, expected) => {
    expect(durationLoad(sport, s)).toBeCloseTo(expected, 10);
  });

  it('when the sport name collides with an object property, then the default intensity is used', () => {
    expect(sportDefaultLoadPerHour('constructor')).toBe(50);
  });
});
