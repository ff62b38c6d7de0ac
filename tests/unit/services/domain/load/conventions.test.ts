/**
 * One test per row of the pinned conventions table (training-science.md, "Conventions this project ships").
 * If one of these fails, a convention changed: update docs/training-load-model.md with a note.
 */
import {
  ACUTE_LAMBDA,
  ATL_K,
  buildDailySeries,
  CHRONIC_LAMBDA,
  computeActivityLoad,
  CTL_K,
  hrReserveFraction,
  hrssFromTrimp,
  LOAD_METHOD_ORDER,
  minettiCostRatio,
  normalizedPower,
  powerTss,
  resolvePhysiology,
  runningStress,
  sessionRpeLoad,
  trimpConstants,
  trimpFromAverageHr,
} from '../../../../../services/domain/load';
import { buildActivity, physiology } from './builders';

describe('pinned conventions', () => {
  it('when sex is male, female or unknown, then TRIMP uses 0.64/1.92, 0.86/1.67 and the male pair', () => {
    expect(trimpConstants('male')).toEqual({ a: 0.64, b: 1.92, sexUsed: 'male' });
    expect(trimpConstants('female')).toEqual({ a: 0.86, b: 1.67, sexUsed: 'female' });
    expect(trimpConstants('unknown')).toEqual({ a: 0.64, b: 1.92, sexUsed: 'male' });
  });

  it('when HR is below rest or above max, then the HR reserve is clamped to [0, 1]', () => {
    expect(hrReserveFraction(40, 60, 180)).toBe(0);
    expect(hrReserveFraction(200, 60, 180)).toBe(1);
    expect(hrReserveFraction(120, 60, 180)).toBe(0.5); // (120-60)/(180-60)
  });

  it('when an hour is spent exactly at LTHR, then HRSS is 100 for either sex (same constants both sides)', () => {
    for (const sex of ['male', 'female', 'unknown'] as const) {
      const p = { hrMaxBpm: 185, hrRestBpm: 48, lthrBpm: 166, sex };
      expect(hrssFromTrimp(trimpFromAverageHr(166, 3600, p), p)).toBeCloseTo(100, 10);
    }
  });

  it('when LTHR is unknown, then it is HRrest + 0.85 x (HRmax - HRrest)', () => {
    // 50 + 0.85 x (190 - 50) = 169
    expect(resolvePhysiology({ hrMaxBpm: 190, hrRestBpm: 50 }, {}, '2024-06-01').lthrBpm.value).toBe(169);
  });

  it('when computing NP, then the first 30-s window ends at 30 s (no zero padding) and TSS = h x IF^2 x 100', () => {
    // Zero padding would average (k/30 x 200) for k=1..29 into the mean; the pinned form gives exactly 200.
    expect(normalizedPower(new Array<number>(30).fill(200))).toBe(200);
    expect(normalizedPower(new Array<number>(29).fill(200))).toBeNull();
    expect(powerTss(3600, 250, 250)).toBe(100);
  });

  it('when running uphill, then GAP speed is speed x Cr(i)/Cr(0) and rTSS = h x (v_gap/v_thr)^2 x 100', () => {
    // Cr(0.1) = 155.4e-5 - 30.4e-4 - 43.3e-3 + 0.463 + 1.95 + 3.6 = 5.968214; / 3.6 = 1.657837
    expect(minettiCostRatio(0.1)).toBeCloseTo(1.657837, 6);
    // 3 m/s x 1.657837 = 4.97351 m/s; threshold 1000/240 = 4.16667 m/s; (1.193643)^2 x 100 = 142.478
    expect(runningStress(3600, 3 * minettiCostRatio(0.1), 240)).toBeCloseTo(142.478, 3);
  });

  it('when choosing the load, then the order is power > running > swim > HRSS stream > HRSS average > sRPE > duration', () => {
    // Issue 16 adds swim stress after running stress (documented in docs/training-load-model.md §2).
    expect(LOAD_METHOD_ORDER).toEqual([
      'powerTss',
      'runningStress',
      'swimStress',
      'hrssStream',
      'hrssAverage',
      'sessionRpe',
      'duration',
    ]);
    // An hour at RPE 7 = 100: the sRPE is on the same scale as the others.
    expect(sessionRpeLoad(7, 3600)).toBeCloseTo(100, 12);
    const r = computeActivityLoad(buildActivity({ averageHeartrateBpm: 150, rpe: 9 }), physiology());
    expect(r.method).toBe('hrssAverage');
    expect(r.fallbackReasons.map((f) => f.method)).toEqual([
      'powerTss',
      'runningStress',
      'swimStress',
      'hrssStream',
    ]);
  });

  it('when computing fitness and fatigue, then k = 1 - exp(-1/tau) with tau 42 and 7, daily, rest days 0', () => {
    expect(CTL_K).toBeCloseTo(0.0235283, 7);
    expect(ATL_K).toBeCloseTo(0.1331221, 7);
    const { points } = buildDailySeries([{ localDate: '2024-01-01', load: 100 }], { lastDate: '2024-01-02' });
    expect(points[0]!.ctl).toBeCloseTo(2.35283, 5); // 100 x kC
    expect(points[1]!.load).toBe(0); // the rest day exists, with load 0
    expect(points[1]!.ctl).toBeCloseTo(2.35283 * (1 - CTL_K), 5);
  });

  it('when reading form, then TSB(d) = CTL(d-1) - ATL(d-1), the form you start day d with', () => {
    const { points } = buildDailySeries([{ localDate: '2024-01-01', load: 100 }], { lastDate: '2024-01-02' });
    expect(points[0]!.tsb).toBe(0); // nothing before the first day
    expect(points[1]!.tsb).toBe(points[0]!.ctl - points[0]!.atl);
    expect(points[0]!.tsbEndOfDay).toBeCloseTo(100 * (CTL_K - ATL_K), 10);
  });

  it('when history starts, then CTL/ATL start from 0 and the series is calibrating until 42 days exist', () => {
    const { points } = buildDailySeries([{ localDate: '2024-01-01', load: 0 }], { lastDate: '2024-03-01' });
    expect(points[0]!.ctl).toBe(0);
    expect(points[40]!.calibrating).toBe(true); // historyDay 41
    expect(points[41]!.historyDay).toBe(42);
    expect(points[41]!.calibrating).toBe(false);
  });

  it('when an activity starts late evening UTC but next morning locally, then it belongs to the local day', () => {
    const a = buildActivity({ startDate: '2024-03-10T20:00:00Z', startDateLocal: '2024-03-11T06:00:00Z' });
    expect(computeActivityLoad(a, physiology()).localDate).toBe('2024-03-11');
  });

  it('when computing the load spike, then the EWMAs use lambda 2/8 and 2/29 and the name is loadSpikeRatio', () => {
    expect(ACUTE_LAMBDA).toBe(0.25);
    expect(CHRONIC_LAMBDA).toBeCloseTo(0.068966, 6);
    const { points } = buildDailySeries([{ localDate: '2024-01-01', load: 100 }], { lastDate: '2024-01-01' });
    expect(points[0]!.acuteLoad).toBe(25);
    expect(points[0]!.chronicLoad).toBeCloseTo(200 / 29, 12);
    expect(points[0]).toHaveProperty('loadSpikeRatio', null); // calibrating: not shown
  });

  it('when computing monotony, then it is the 7-day mean / population SD with rest days 0, capped at 10', () => {
    const loads = [0, 20, 10, 10, 10, 10, 10];
    const entries = loads.map((load, i) => ({ localDate: `2024-01-0${i + 1}`, load }));
    const last = buildDailySeries(entries, { lastDate: '2024-01-07' }).points[6]!;
    // mean 10; deviations -10, +10, 0 x 5 -> variance 200/7 -> SD 5.3452 -> 1.8708 (sample SD would give 1.7321)
    expect(last.monotony).toBeCloseTo(1.8708287, 6);
    expect(last.strain).toBeCloseTo(70 * 1.8708287, 4);
  });
});
