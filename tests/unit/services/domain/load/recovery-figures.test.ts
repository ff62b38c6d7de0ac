/** Rest days until fresh and today's load range for a target form band. */
import {
  buildDailySeries,
  extendDailySeries,
  restDaysToFreshness,
  todayLoadRange,
} from '../../../../../services/domain/load';

describe('restDaysToFreshness', () => {
  it.each([
    [50, 80, 4], // n >= ln(80/50) / (1/7 - 1/42) = 8.4 x 0.47000 = 3.948 -> 4
    [80, 50, 0], // already fresh
    [60, 60, 0],
    [0, 50, 33], // CTL floored at 1: 8.4 x ln(50) = 32.86 -> 33
    [0, 0, 0],
  ])('when CTL is %d and ATL %d, then %i rest days bring TSB to >= 0', (ctl, atl, expected) => {
    expect(restDaysToFreshness({ ctl, atl })).toBe(expected);
  });

  it('when checked against the series, then after 4 rest days the next morning has TSB >= 0 and after 3 not', () => {
    // 50 e^(-3/42) - 80 e^(-3/7) = 46.55 - 52.12 < 0; 50 e^(-4/42) - 80 e^(-4/7) = 45.46 - 45.18 >= 0
    const decay = (n: number) => 50 * Math.exp(-n / 42) - 80 * Math.exp(-n / 7);
    expect(decay(3)).toBeLessThan(0);
    expect(decay(4)).toBeGreaterThanOrEqual(0);
  });

  it('when input is not finite, then the answer is null', () => {
    expect(restDaysToFreshness({ ctl: Number.NaN, atl: 10 })).toBeNull();
  });
});

describe('todayLoadRange', () => {
  it('when fitness and fatigue are 0, then 91.2-273.7 keeps tomorrow inside -30..-10', () => {
    // TSB(d+1) = -(kA - kC) L, kA - kC = e^(-1/42) - e^(-1/7) = 0.1095938: L = 10/0.1095938 .. 30/0.1095938
    const r = todayLoadRange({ ctl: 0, atl: 0 })!;
    expect(r.minLoad).toBeCloseTo(91.246, 3);
    expect(r.maxLoad).toBeCloseTo(273.738, 3);
    expect(r.restAdvised).toBe(false);
  });

  it('when rest already puts form in the band, then the minimum is 0', () => {
    // base = 60 x 0.976472 - 100 x 0.866878 = -28.0995; max = (30 - 28.0995) / 0.1095938 = 17.341
    const r = todayLoadRange({ ctl: 60, atl: 100 })!;
    expect(r.minLoad).toBe(0);
    expect(r.maxLoad).toBeCloseTo(17.3414, 3);
  });

  it('when even rest leaves form below the band, then rest is advised', () => {
    expect(todayLoadRange({ ctl: 40, atl: 100 })).toMatchObject({
      minLoad: 0,
      maxLoad: 0,
      restAdvised: true,
    });
  });

  it('when a custom band is given, then it is used', () => {
    expect(todayLoadRange({ ctl: 0, atl: 0 }, { minTsb: -10, maxTsb: 0 })!.minLoad).toBe(0);
  });

  it('when the top of the range is trained, then the series shows tomorrow starting at exactly the band floor', () => {
    const yesterday = buildDailySeries([{ localDate: '2024-01-01', load: 80 }], {
      lastDate: '2024-01-01',
    }).points;
    const range = todayLoadRange(yesterday[0]!)!;
    const today = extendDailySeries(yesterday, [{ localDate: '2024-01-02', load: range.maxLoad }], {
      lastDate: '2024-01-03',
    });
    expect(today.points[1]!.tsb).toBeCloseTo(-30, 9);
  });
});
