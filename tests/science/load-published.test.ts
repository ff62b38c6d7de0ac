/**
 * Published examples for the load engine, one case each, with the source and the tolerance its rounding
 * allows. (training-science.md §6's worked examples also run in tests/unit/.../worked-examples.test.ts.)
 */
import {
  METHOD_EXPLANATIONS,
  buildDailySeries,
  computeActivityLoad,
  calibrationOf,
  cleanStreams,
  formZoneOf,
  hrssFromTrimp,
  powerTss,
  prescribeLoad,
  resolvePhysiology,
  restDaysToFreshness,
  swimStress,
  trimpConstants,
  trimpPerMinute,
  zoneTrimpFromStream,
  zoneTrimpLoad,
  zoneTrimpPerMinute,
  trimpFromAverageHr,
} from '../../services/domain/load';

const man = { hrMaxBpm: 190, hrRestBpm: 50, lthrBpm: 169, sex: 'male' as const };

describe('Banister TRIMP and HRSS', () => {
  it('when HRr = 1, then TRIMP per minute is 0.64 e^1.92 = 4.37 for men (Fellrnr "0 to 4.37 per minute"; tol 0.005)', () => {
    expect(trimpPerMinute(1, trimpConstants('male'))).toBeCloseTo(4.3654, 4);
    expect(Math.abs(trimpPerMinute(1, trimpConstants('male')) - 4.37)).toBeLessThan(0.005);
  });

  it('when 60 min are spent at LTHR, then HRSS is 100 (Elevate / GoldenCheetah TRIMP(100) definition; tol 1e-9)', () => {
    expect(hrssFromTrimp(trimpFromAverageHr(169, 3600, man), man)).toBeCloseTo(100, 9);
  });
});

describe('power TSS (Coggan)', () => {
  it('when NP = FTP = 300 W for 3600 s, then TSS = 100 (sweatpy tests/metrics/test_power.py; tol 1e-9)', () => {
    expect(powerTss(3600, 300, 300)).toBeCloseTo(100, 9);
  });
});

describe('fitness / fatigue (GoldenCheetah PMC, k = 1 - e^(-1/tau))', () => {
  it('when a single load of 1000 is trained, then CTL is 23.5 and ATL 133 that day (training-science §2.1; tol 0.05 / 0.5)', () => {
    const p = buildDailySeries([{ localDate: '2024-01-01', load: 1000 }], { lastDate: '2024-01-01' })
      .points[0]!;
    expect(Math.abs(p.ctl - 23.5)).toBeLessThan(0.05);
    expect(Math.abs(p.atl - 133)).toBeLessThan(0.5);
  });

  it('when ATL = 2 x CTL, then rest days to fresh form = ceil(ln 2 / (1/7 - 1/42)) = 6 (Runalyze TsbModel::restDays with exp k; exact)', () => {
    expect(restDaysToFreshness({ ctl: 50, atl: 100 })).toBe(6);
  });
});

describe('form zones (Elevate TrainingZone enum)', () => {
  it.each([
    [-30, 'overload'],
    [-29.9, 'optimal'],
    [-10, 'optimal'],
    [-9.9, 'neutral'],
    [5, 'neutral'],
    [5.1, 'fresh'],
    [25, 'fresh'],
    [25.1, 'transition'],
  ])(
    'when TSB is %d, then the zone is %s (training-zone.enum.ts bounds, upper bound inclusive; exact)',
    (tsb, zone) => {
      expect(formZoneOf(tsb)?.id).toBe(zone);
    },
  );
});

describe('swim stress (Elevate computeSwimStressScore, TrainingPeaks sTSS convention)', () => {
  it('when 3000 m are swum in 60 min moving at threshold 2:00/100 m, then IF = 1 and SSS = 100 x elapsed hours (tol 1e-9)', () => {
    // NSS = 3000 / 60 = 50 m/min = threshold speed (100 m / 2 min)
    const r = swimStress(3000, 3600, 3600, 120);
    expect(r.intensityFactor).toBeCloseTo(1, 12);
    expect(r.load).toBeCloseTo(100, 9);
  });

  it('when 2000 m take 40 min moving (45 min elapsed) at threshold 1:40/100 m, then IF = 0.8333 and SSS = IF^3 x 0.75 x 100 = 43.40 (hand-computed from the definition; tol 0.01)', () => {
    const r = swimStress(2000, 2400, 2700, 100);
    expect(r.intensityFactor).toBeCloseTo(50 / 60, 9);
    expect(r.load).toBeCloseTo((50 / 60) ** 3 * 75, 9);
    expect(Math.abs(r.load - 43.4)).toBeLessThan(0.01);
  });
});

describe('zone TRIMPs', () => {
  it('when 10 min are spent in each Edwards zone 1..5, then TRIMP = 10 x (1+2+3+4+5) = 150 (Edwards 1993 definition, minutes form; exact)', () => {
    const p = { hrMaxBpm: 200, hrRestBpm: 50, lthrBpm: 175, sex: 'male' as const };
    const hr = [110, 130, 150, 170, 190].flatMap((bpm) => new Array<number>(600).fill(bpm));
    const cleaned = cleanStreams({ heartrateBpm: hr, timeS: hr.map((_, i) => i) }, 'Run');
    expect(zoneTrimpFromStream('edwards', cleaned, p)!.trimp).toBeCloseTo(150, 9);
    // below 50 % HRmax counts nothing; the lower bound is inclusive
    expect(zoneTrimpPerMinute('edwards', 99, p)).toBe(0);
    expect(zoneTrimpPerMinute('edwards', 100, p)).toBe(1);
  });

  it('when the GoldenCheetah default weights are applied, then 60 min at LTHR score 120 points and load 100 (HrZones.cpp weights 0.9/1.1/1.2/2.0/5.0; exact)', () => {
    expect(zoneTrimpPerMinute('zonal', 169, man)).toBe(2.0); // LTHR is in Z4 (94-105 % LTHR)
    expect(zoneTrimpLoad('zonal', 120, man)).toBeCloseTo(100, 12);
  });
});

describe('"what\'s left today" as a prescription (inverted load formulas)', () => {
  const p = resolvePhysiology(
    { hrMaxBpm: 190, hrRestBpm: 50, lthrBpm: 169, thresholdPaceSPerKm: 240, ftpW: 250, sex: 'male' },
    {},
    '2024-06-01',
  );

  it('when the prescribed minutes are trained at the prescribed HR, then the HRSS added equals the remaining load (inverse; tol 1e-9)', () => {
    const [hr] = prescribeLoad(40, p);
    expect(hr!.kind).toBe('heartRate');
    expect(hr!.target).toBeCloseTo(0.8 * 169, 9);
    const added = hrssFromTrimp(trimpFromAverageHr(hr!.target, hr!.minutes * 60, man), man);
    expect(added).toBeCloseTo(40, 9);
    expect(hr!.text).toMatch(/^about \d+ min at 135 bpm$/);
  });

  it('when pace and power are known, then 64 load at 80 % threshold speed is 60 min and 49 at 70 % FTP is 60 min (rTSS / TSS = h x IF^2 x 100; tol 1e-9)', () => {
    const pace = prescribeLoad(64, p).find((o) => o.kind === 'pace')!;
    expect(pace.minutes).toBeCloseTo(60, 9);
    expect(pace.text).toBe('about 60 min at 5:00 /km');
    const power = prescribeLoad(49, p).find((o) => o.kind === 'power')!;
    expect(power.minutes).toBeCloseTo(60, 9);
    expect(power.text).toBe('about 60 min at 175 W');
  });
});

describe('calibration', () => {
  it('when a figure lacks its history, then it reads "calibrating: n of N days" (pinned 42-day calibration; exact)', () => {
    expect(calibrationOf('fitness', 1)?.label).toBe('calibrating: 1 of 42 days');
    expect(calibrationOf('fitness', 42)).toBeNull();
    expect(calibrationOf('monotony', 3)?.label).toBe('calibrating: 3 of 7 days');
  });
});

describe('method field records the chosen model', () => {
  const hr = new Array<number>(3600).fill(150);
  const run = {
    summary: {
      sportType: 'Run',
      startDate: '2024-06-01T06:00:00Z',
      startDateLocal: '2024-06-01T08:00:00',
      movingTimeS: 3600,
      elapsedTimeS: 3600,
      distanceM: 10_000,
      totalElevationGainM: 0,
    },
    streams: { heartrateBpm: hr, timeS: hr.map((_, i) => i) },
  };
  const base = { hrMaxBpm: 190, hrRestBpm: 50, lthrBpm: 169, sex: 'male' as const };

  it.each([
    ['banister', 'hrssStream'],
    ['edwards', 'edwardsStream'],
    ['zonal', 'zonalStream'],
  ] as const)('when the HR load model is %s, then the method stored is %s', (model, method) => {
    const p = resolvePhysiology({ ...base, hrLoadModel: model }, {}, '2024-06-01');
    expect(computeActivityLoad(run, p).method).toBe(method);
  });

  it('when an hour at 150 bpm is scored with Edwards (150/190 = 79 % -> zone 3, LTHR 169 = 89 % -> zone 4), then load = 100 x 3/4 = 75 (exact)', () => {
    const p = resolvePhysiology({ ...base, hrLoadModel: 'edwards' }, {}, '2024-06-01');
    expect(computeActivityLoad(run, p).load).toBeCloseTo(75, 9);
  });

  it('when a swim has a threshold swim pace, then it is scored by swim stress with its own method label', () => {
    const p = resolvePhysiology({ ...base, thresholdSwimPaceSPer100m: 120 }, {}, '2024-06-01');
    const swim = { summary: { ...run.summary, sportType: 'Swim', distanceM: 3000 }, streams: null };
    const r = computeActivityLoad(swim, p);
    expect(r).toMatchObject({ method: 'swimStress', confidence: 'medium' });
    expect(r.load).toBeCloseTo(100, 9);
    expect(METHOD_EXPLANATIONS[r.method].label).toBe('Swim pace');
  });
});
