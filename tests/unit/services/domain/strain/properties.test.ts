import fc from 'fast-check';
import {
  BODY_AREAS,
  computeActivityStrain,
  projectAreaStrain,
  toStrainSession,
  type StrainSession,
} from '../../../../../services/domain/strain';
import { DAY_MS, summary } from './builders';

const sports = fc.constantFrom(
  'Run',
  'TrailRun',
  'Hike',
  'Walk',
  'Ride',
  'Swim',
  'Rowing',
  'Yoga',
  'Kitesurf',
  '',
);
const messyNumber = fc.oneof(
  fc.double({ min: -80, max: 80, noNaN: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, 400, -400),
);
const messyStream = fc.option(fc.array(messyNumber, { maxLength: 120 }), { nil: undefined });
const activityArb = fc.record({
  sportType: sports,
  gainM: messyNumber,
  distanceM: messyNumber,
  tags: fc.option(fc.array(fc.constantFrom('quads', 'arms', 'Lower Back', 'biceps', ''), { maxLength: 4 })),
  gradePct: messyStream,
  altitudeM: messyStream,
  weights: fc.option(fc.array(messyNumber, { maxLength: 120 }), { nil: undefined }),
  load: messyNumber,
});

type ActivityCase = typeof activityArb extends fc.Arbitrary<infer T> ? T : never;

function strainOf(a: ActivityCase) {
  const n = Math.max(a.gradePct?.length ?? 0, a.altitudeM?.length ?? 0);
  const streams = {
    gradePct: a.gradePct,
    altitudeM: a.altitudeM,
    timeS: Array.from({ length: n }, (_, i) => i),
    distanceM: Array.from({ length: n }, (_, i) => 3 * i),
  };
  const input = {
    summary: summary({
      sportType: a.sportType,
      totalElevationGainM: a.gainM,
      distanceM: a.distanceM,
      taggedAreas: a.tags,
    }),
    streams,
  };
  return computeActivityStrain(input, a.load, { sampleWeights: a.weights });
}

describe('strain model properties', () => {
  it('when any activity is split, then shares sum to one and no load is negative or NaN', () => {
    fc.assert(
      fc.property(activityArb, (a) => {
        const r = strainOf(a);
        const total = BODY_AREAS.reduce((s, area) => s + r.shares[area], 0);
        expect(total).toBeCloseTo(1, 9);
        for (const area of BODY_AREAS) {
          for (const v of [
            r.shares[area],
            r.areaLoadsAu[area],
            r.eccentricLoadsAu[area],
            r.damageLoadsAu[area],
          ]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(Number.isFinite(v)).toBe(true);
          }
          expect(r.damageLoadsAu[area]).toBeGreaterThanOrEqual(r.areaLoadsAu[area]);
        }
      }),
      { numRuns: 300 },
    );
  });

  const sessionArb = fc
    .tuple(activityArb, fc.integer({ min: 0, max: 60 * 24 }))
    .map(([a, hoursAgo]): [StrainSession, number] => [toStrainSession(strainOf(a), 0), hoursAgo]);

  it('when a second session is added, then projected soreness never drops (without repeated-bout protection)', () => {
    fc.assert(
      fc.property(sessionArb, sessionArb, fc.integer({ min: 0, max: 400 }), ([s1, h1], [s2, h2], nowH) => {
        const nowMs = 70 * DAY_MS + nowH * 3_600_000;
        const one = [{ ...s1, startMs: nowMs - h1 * 3_600_000 }];
        const two = [...one, { ...s2, startMs: nowMs - h2 * 3_600_000 }];
        const a = projectAreaStrain(one, nowMs, { applyRepeatedBout: false }).areas;
        const b = projectAreaStrain(two, nowMs, { applyRepeatedBout: false }).areas;
        a.forEach((area, i) =>
          expect(b[i]!.sorenessProjectedAu).toBeGreaterThanOrEqual(area.sorenessProjectedAu),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('when a later session is added, then projected soreness never drops (with repeated-bout protection)', () => {
    fc.assert(
      fc.property(sessionArb, sessionArb, ([s1, h1], [s2, h2]) => {
        const nowMs = 70 * DAY_MS;
        const [early, late] = h1 >= h2 ? [h1, h2] : [h2, h1];
        const one = [{ ...s1, startMs: nowMs - early * 3_600_000 }];
        const two = [...one, { ...s2, startMs: nowMs - late * 3_600_000 + 1 }];
        const a = projectAreaStrain(one, nowMs).areas;
        const b = projectAreaStrain(two, nowMs).areas;
        a.forEach((area, i) =>
          expect(b[i]!.sorenessProjectedAu).toBeGreaterThanOrEqual(area.sorenessProjectedAu),
        );
      }),
      { numRuns: 200 },
    );
  });
});
