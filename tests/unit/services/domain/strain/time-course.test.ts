import { FATIGUE_TAU_H, fatigueFraction, sorenessFraction } from '../../../../../services/domain/strain';
import { SORENESS_AREA_H } from '../../../../../services/domain/strain/time-course';

describe('soreness curve S(t) = L (t/48)^2 exp(2 (1 - t/48))', () => {
  it.each([
    [24, 0.68],
    [48, 1],
    [72, 0.83],
    [120, 0.31],
    [168, 0.08],
  ])('when %i h have passed, then soreness is %f of the damage load', (hours, expected) => {
    expect(sorenessFraction(hours)).toBeCloseTo(expected, 2);
  });

  it('when the session is now, in the future or the time is not a number, then soreness is 0', () => {
    for (const hours of [0, -5, NaN, Infinity]) expect(sorenessFraction(hours)).toBe(0);
  });

  it('when 48 h have passed, then soreness is at its single peak', () => {
    expect(sorenessFraction(47)).toBeLessThan(1);
    expect(sorenessFraction(49)).toBeLessThan(1);
  });

  it('when the curve is integrated, then its area is 12 e^2 hours', () => {
    let areaH = 0;
    for (let t = 0; t < 2000; t += 0.1) areaH += sorenessFraction(t + 0.05) * 0.1;
    expect(areaH).toBeCloseTo(SORENESS_AREA_H, 3);
    expect(SORENESS_AREA_H).toBeCloseTo(12 * Math.E ** 2, 12);
  });
});

describe('residual fatigue F(t) = L exp(-t / tau)', () => {
  it('when tau is 48 h (quads after downhill), then 48 h later 1/e remains', () => {
    expect(fatigueFraction(48, FATIGUE_TAU_H.eccentricQuads)).toBeCloseTo(Math.exp(-1), 12);
  });

  it('when tau is the 30 h default, then it sits inside the 24-36 h range and decays faster', () => {
    expect(FATIGUE_TAU_H.default).toBeGreaterThanOrEqual(24);
    expect(FATIGUE_TAU_H.default).toBeLessThanOrEqual(36);
    expect(fatigueFraction(48, FATIGUE_TAU_H.default)).toBeCloseTo(Math.exp(-1.6), 12);
  });

  it('when the session is in the future or tau is invalid, then fatigue is 0', () => {
    expect(fatigueFraction(-1, 30)).toBe(0);
    expect(fatigueFraction(10, 0)).toBe(0);
    expect(fatigueFraction(0, 30)).toBe(1);
  });
});
