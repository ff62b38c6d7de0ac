/** Banister TRIMP, HRSS and time in HR zones, with expected values computed by hand from the definitions. */
import {
  cleanStreams,
  hrssFromTrimp,
  timeInHrZonesFromAverage,
  timeInHrZonesFromStream,
  trimpFromAverageHr,
  trimpFromStream,
  trimpOfHourAtLthr,
  zoneIndexOf,
  zonesFromLthr,
  type HrPhysiology,
} from '../../../../../services/domain/load';
import { constant } from './builders';

const male: HrPhysiology = { hrMaxBpm: 180, hrRestBpm: 60, lthrBpm: 162, sex: 'male' };
const female: HrPhysiology = { ...male, sex: 'female' };

describe('trimpFromAverageHr', () => {
  // TRIMP = minutes x HRr x a x exp(b x HRr), HRr = (HR - 60) / 120
  it.each([
    ['at rest', male, 60, 60, 0], // HRr 0
    ['below rest (clamped)', male, 40, 60, 0],
    ['male at HRr 0.5', male, 120, 60, 50.14457], // 60 x 0.5 x 0.64 x e^0.96 = 60 x 0.32 x 2.611696
    ['female at HRr 0.5', female, 120, 60, 59.4642], // 60 x 0.5 x 0.86 x e^0.835 = 60 x 0.43 x 2.304819
    ['male at HRmax for 30 min', male, 180, 30, 130.9624], // 30 x 0.64 x e^1.92 = 30 x 4.365413
    ['above max (clamped)', male, 200, 30, 130.9624],
  ])('when %s, then TRIMP matches the hand value', (_name, p, hr, minutes, expected) => {
    expect(trimpFromAverageHr(hr, minutes * 60, p)).toBeCloseTo(expected, 3);
  });

  it('when sex is unknown, then the male constants give the male value', () => {
    expect(trimpFromAverageHr(120, 3600, { ...male, sex: 'unknown' })).toBe(
      trimpFromAverageHr(120, 3600, male),
    );
  });
});

describe('hrssFromTrimp', () => {
  it('when a male does 60 min at HRr 0.5 with LTHR at HRr 0.85, then HRSS is 30.04', () => {
    // TRIMP(60 min @ LTHR) = 60 x 0.85 x 0.64 x e^(1.92 x 0.85) = 32.64 x 5.113948 = 166.924
    expect(trimpOfHourAtLthr(male)).toBeCloseTo(166.924, 3);
    // 100 x 50.14457 / 166.924 = 30.040
    expect(hrssFromTrimp(trimpFromAverageHr(120, 3600, male), male)).toBeCloseTo(30.04, 2);
  });

  it('when a female does the same, then her b (1.67) is used on both sides: HRSS 32.79', () => {
    // 100 x (60 x .5 x .86 x e^.835) / (60 x .85 x .86 x e^(1.67 x .85)) = 100 x 59.4642 / 181.363 = 32.787
    expect(hrssFromTrimp(trimpFromAverageHr(120, 3600, female), female)).toBeCloseTo(32.787, 3);
  });

  it('when 30 min are at LTHR, then HRSS is 50 (linear in time)', () => {
    expect(hrssFromTrimp(trimpFromAverageHr(162, 1800, male), male)).toBeCloseTo(50, 10);
  });
});

describe('trimpFromStream', () => {
  it('when the stream is constant, then it equals the average-HR form', () => {
    const cleaned = cleanStreams({ heartrateBpm: constant(3600, 120) }, 'Run');
    expect(trimpFromStream(cleaned, male)!.trimp).toBeCloseTo(50.14457, 4);
  });

  it('when a fifth of the samples are dropouts, then TRIMP is scaled to moving time and coverage is 0.8', () => {
    const hr = constant(1000, 120).map((v, i) => (i % 5 === 0 ? 0 : v));
    const result = trimpFromStream(cleanStreams({ heartrateBpm: hr }, 'Run'), male)!;
    expect(result.coverage).toBeCloseTo(0.8, 12);
    // 800 valid s scaled to 1000 s: 1000/60 x 0.835743 = 13.929
    expect(result.trimp).toBeCloseTo((1000 / 60) * 0.835743, 3);
  });

  it('when there is no HR stream, then the result is null', () => {
    expect(trimpFromStream(cleanStreams({ powerW: [100, 100] }, 'Ride'), male)).toBeNull();
  });
});

describe('HR zones', () => {
  it('when LTHR is 160, then derived zones start at 0/108.8/132.8/150.4/168 bpm (68/83/94/105 %, unrounded)', () => {
    // Issue 16: bounds are no longer rounded to whole bpm before use (old: 109/133/150); display rounds.
    const starts = zonesFromLthr(160).map((z) => z.minBpm);
    [0, 108.8, 132.8, 150.4, 168].forEach((bpm, i) => expect(starts[i]).toBeCloseTo(bpm, 9));
    expect(zonesFromLthr(160)[4]!.maxBpm).toBeNull();
  });

  it.each([
    [50, 0],
    [108, 0],
    [109, 1],
    [149, 2],
    [168, 4],
    [230, 4],
  ])('when HR is %i, then it falls in zone index %i (lower bound inclusive)', (hr, zone) => {
    expect(zoneIndexOf(hr, zonesFromLthr(160))).toBe(zone);
  });

  it('when the athlete has Strava zones, then time is split on them and dropouts count nowhere', () => {
    const zones = [
      { minBpm: 0, maxBpm: 120 },
      { minBpm: 120, maxBpm: 150 },
      { minBpm: 150, maxBpm: null },
    ];
    const hr = [...constant(10, 100), ...constant(20, 130), ...constant(5, 0), ...constant(30, 170)];
    expect(timeInHrZonesFromStream(cleanStreams({ heartrateBpm: hr }, 'Run'), zones)).toEqual([10, 20, 30]);
  });

  it('when only the average HR is known, then all the time goes into its zone', () => {
    expect(timeInHrZonesFromAverage(140, 3600, zonesFromLthr(160))).toEqual([0, 0, 3600, 0, 0]);
  });
});
