/** fast-check properties of the engine. */
import fc from 'fast-check';
import {
  buildDailySeries,
  cleanStreams,
  computeActivityLoad,
  CTL_K,
  extendDailySeries,
  trimpFromAverageHr,
  trimpFromStream,
  addDays,
} from '../../../../../services/domain/load';
import { buildActivity, physiology } from './builders';

const anyNumber = fc.oneof(fc.double(), fc.integer({ min: -100, max: 3000 }), fc.constant(Number.NaN));
const hrPhysiology = { hrMaxBpm: 185, hrRestBpm: 55, lthrBpm: 165, sex: 'male' as const };
const entry = fc.record({
  day: fc.integer({ min: 0, max: 89 }),
  load: fc.double({ min: 0, max: 400, noNaN: true }),
});
const toEntries = (xs: { day: number; load: number }[]) =>
  xs.map((x) => ({ localDate: addDays('2024-01-01', x.day)!, load: x.load }));

describe('properties', () => {
  it('when any activity, however broken, is scored, then the load is finite and never negative', () => {
    const arb = fc.record({
      sportType: fc.constantFrom('Run', 'Ride', 'Hike', 'Swim', 'Yoga', 'Kite'),
      movingTimeS: anyNumber,
      averageHeartrateBpm: anyNumber,
      weightedAveragePowerW: anyNumber,
      rpe: anyNumber,
      deviceWatts: fc.boolean(),
      hr: fc.array(anyNumber, { maxLength: 60 }),
      power: fc.array(anyNumber, { maxLength: 60 }),
      time: fc.array(anyNumber, { maxLength: 60 }),
    });
    fc.assert(
      fc.property(arb, ({ hr, power, time, ...summary }) => {
        const r = computeActivityLoad(
          buildActivity(summary, { heartrateBpm: hr, powerW: power, timeS: time }),
          physiology(),
        );
        return Number.isFinite(r.load) && r.load >= 0;
      }),
    );
  });

  it('when more time is spent at the same HR, then TRIMP never goes down (stream and average forms)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (hr, n, extra) => {
          const shorter = trimpFromStream(
            cleanStreams({ heartrateBpm: new Array<number>(n).fill(hr) }, 'Run'),
            hrPhysiology,
          );
          const longer = trimpFromStream(
            cleanStreams({ heartrateBpm: new Array<number>(n + extra).fill(hr) }, 'Run'),
            hrPhysiology,
          );
          const avgOk =
            trimpFromAverageHr(hr, n + extra, hrPhysiology) >= trimpFromAverageHr(hr, n, hrPhysiology);
          return avgOk && (shorter === null || longer === null || longer.trimp >= shorter.trimp);
        },
      ),
    );
  });

  it('when the same load is trained every day, then CTL moves monotonically towards it: |CTL - L| = L (1 - kC)^n', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        (load, n) => {
          const entries = Array.from({ length: n }, (_, i) => ({
            localDate: addDays('2020-01-01', i)!,
            load,
          }));
          const points = buildDailySeries(entries, { lastDate: addDays('2020-01-01', n - 1)! }).points;
          const gaps = points.map((p) => Math.abs(load - p.ctl));
          const expected = load * Math.pow(1 - CTL_K, n);
          return (
            gaps.every((g, i) => i === 0 || g <= gaps[i - 1]! + 1e-9) &&
            Math.abs(gaps[n - 1]! - expected) <= 1e-9 * (1 + load)
          );
        },
      ),
    );
  });

  it('when the series is recomputed from any day d, then it equals the full recompute exactly', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 1, max: 100 }), (xs, split) => {
        const entries = toEntries(xs);
        const options = { lastDate: '2024-04-30', historyStartDate: '2024-01-01' };
        const full = buildDailySeries(entries, options).points;
        const stored = full.slice(0, split);
        const d = addDays('2024-01-01', split)!;
        const tail = extendDailySeries(
          stored,
          entries.filter((e) => e.localDate >= d),
          options,
        ).points;
        expect([...stored, ...tail]).toEqual(full);
      }),
    );
  });

  it('when the activities of a day arrive in a different order, then the series is identical', () => {
    fc.assert(
      fc.property(
        fc
          .array(entry, { minLength: 1, maxLength: 60 })
          .chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, shuffled]) => {
          const options = { lastDate: '2024-04-30' };
          expect(buildDailySeries(toEntries(shuffled), options)).toEqual(
            buildDailySeries(toEntries(xs), options),
          );
        },
      ),
    );
  });
});
