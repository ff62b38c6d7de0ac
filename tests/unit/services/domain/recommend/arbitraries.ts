/** fast-check generators for recommendation contexts (valid by construction, wide value ranges). */
import fc from 'fast-check';
import { BODY_AREA_IDS, type RecommendationContext } from '../../../../../services/domain/recommend';

const day = fc
  .integer({ min: 0, max: 60 })
  .map((offset) => new Date(Date.UTC(2026, 4, 1 + offset)).toISOString().slice(0, 10));
const area = fc.constantFrom(...BODY_AREA_IDS);
const sport = fc.constantFrom(
  'Run',
  'TrailRun',
  'Ride',
  'GravelRide',
  'Swim',
  'Hike',
  'Walk',
  'Rowing',
  'Yoga',
);
const nullableNumber = (min: number, max: number) =>
  fc.option(fc.double({ min, max, noNaN: true }), { nil: null });

const activity = fc.record({
  activityId: fc.constantFrom('a', 'b', 'c', 'd'),
  sportType: sport,
  localDate: day,
  sinceEndH: fc.double({ min: 0, max: 200, noNaN: true }),
  loadAu: fc.double({ min: 0, max: 800, noNaN: true }),
  workoutType: fc.option(fc.constantFrom(0, 1, 2, 3, 10, 11, 12), { nil: null }),
  descentM: fc.option(fc.double({ min: 0, max: 4000, noNaN: true }), { nil: null }),
});

const strain = fc.record({
  area,
  projectedSorenessAu: fc.double({ min: 0, max: 1000, noNaN: true }),
  baselineAu: fc.double({ min: -1, max: 300, noNaN: true }),
  mainActivityId: fc.option(fc.constantFrom('a', 'b', 'c', 'x'), { nil: null }),
});

export const contextArb: fc.Arbitrary<RecommendationContext> = fc.record({
  athleteId: fc.constantFrom('ath-1', 'ath-2'),
  localDate: day,
  training: fc.record({
    calibrating: fc.boolean(),
    tsb: nullableNumber(-120, 60),
    acuteChronicRatio: nullableNumber(0, 4),
    monotony: nullableNumber(0, 10),
  }),
  areas: fc.uniqueArray(strain, { selector: (s) => s.area, maxLength: 7 }),
  recentActivities: fc.array(activity, { maxLength: 6 }),
  races: fc.array(
    fc.record({ localDate: day, priority: fc.constantFrom('A' as const, 'B' as const, 'C' as const) }),
    {
      maxLength: 3,
    },
  ),
  health: fc.record({ injured: fc.boolean(), ill: fc.boolean() }),
  tightAreas: fc.uniqueArray(area, { maxLength: 3 }),
});
