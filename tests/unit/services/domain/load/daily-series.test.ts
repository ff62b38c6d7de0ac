/** buildDailySeries / extendDailySeries with hand-computed values, and the local-date helpers. */
import {
  addDays,
  buildDailySeries,
  CTL_K,
  extendDailySeries,
  localDateOf,
  type DailyLoadEntry,
} from '../../../../../services/domain/load';

function days(start: string, loads: number[]): DailyLoadEntry[] {
  return loads.map((load, i) => ({ localDate: addDays(start, i)!, load }));
}

describe('buildDailySeries', () => {
  it('when 7 days of 100 follow no history, then CTL 15.35, ATL 63.21, and day 8 starts with TSB -47.86', () => {
    const { points } = buildDailySeries(days('2024-01-01', [100, 100, 100, 100, 100, 100, 100]), {
      lastDate: '2024-01-08',
    });
    // CTL = 100 (1 - e^(-7/42)) = 15.351828; ATL = 100 (1 - e^(-1)) = 63.212056; TSB = -47.860228
    expect(points[6]!.ctl).toBeCloseTo(15.351828, 5);
    expect(points[6]!.atl).toBeCloseTo(63.212056, 5);
    expect(points[7]!.tsb).toBeCloseTo(-47.860228, 5);
    // ramp day 7 = CTL(7) - CTL(0) = 15.3518; day 8 = 15.3518 (1 - kC) - 100 kC = 12.6378
    expect(points[6]!.rampRate).toBeCloseTo(15.3518, 4);
    expect(points[7]!.rampRate).toBeCloseTo(12.6378, 4);
  });

  it('when two activities fall on one day, then the day load is their sum', () => {
    const { points } = buildDailySeries(
      [
        { localDate: '2024-01-01', load: 40 },
        { localDate: '2024-01-01', load: 60 },
      ],
      { lastDate: '2024-01-01' },
    );
    expect(points).toHaveLength(1);
    expect(points[0]!.load).toBe(100);
  });

  it('when days have no activity, then they exist with load 0', () => {
    const { points } = buildDailySeries(days('2024-02-27', [10, 0, 0, 30]), { lastDate: '2024-03-01' });
    expect(points.map((p) => p.date)).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(points.map((p) => p.load)).toEqual([10, 0, 0, 30]);
  });

  it('when a history start precedes the first activity, then the series starts there', () => {
    const { points } = buildDailySeries(days('2024-01-10', [50]), {
      lastDate: '2024-01-10',
      historyStartDate: '2024-01-01',
    });
    expect(points[0]!.date).toBe('2024-01-01');
    expect(points[9]!.historyDay).toBe(10);
  });

  it('when one 70 sits in an otherwise empty week, then monotony is 0.408 and strain 28.58', () => {
    const { points } = buildDailySeries(days('2024-01-01', [70, 0, 0, 0, 0, 0, 0]), {
      lastDate: '2024-01-07',
    });
    // mean 10; variance (60^2 + 6 x 10^2)/7 = 600; SD 24.495; 10/24.495 = 0.40825; strain 70 x 0.40825
    expect(points[6]!.monotony).toBeCloseTo(0.408248, 6);
    expect(points[6]!.strain).toBeCloseTo(28.5774, 4);
  });

  it('when a week has no load, then monotony and strain are 0 (not the cap)', () => {
    const { points } = buildDailySeries(days('2024-01-01', [0]), { lastDate: '2024-01-07' });
    expect(points[6]).toMatchObject({ monotony: 0, strain: 0 });
  });

  it('when a constant 100 is held for 42 days, then the load-spike ratio appears and equals 1.0523', () => {
    const { points } = buildDailySeries(days('2024-01-01', new Array<number>(42).fill(100)), {
      lastDate: '2024-02-11',
    });
    expect(points[40]!.loadSpikeRatio).toBeNull(); // calibrating
    // (1 - 0.75^42) / (1 - (27/29)^42) = 1.0523
    expect(points[41]!.loadSpikeRatio).toBeCloseTo(1.0523194, 6);
  });

  it('when entries are unreadable, negative, NaN or after lastDate, then they are skipped and counted', () => {
    const result = buildDailySeries(
      [
        { localDate: '2024-01-01', load: 10 },
        { localDate: '2024-02-30', load: 10 },
        { localDate: '2024-01-02', load: -1 },
        { localDate: '2024-01-02', load: Number.NaN },
        { localDate: '2024-03-01', load: 10 },
      ],
      { lastDate: '2024-01-03' },
    );
    expect(result.skippedEntries).toBe(4);
    expect(result.points.map((p) => p.load)).toEqual([10, 0, 0]);
  });

  it('when lastDate is unreadable or there are no entries, then the series is empty', () => {
    expect(buildDailySeries(days('2024-01-01', [1]), { lastDate: 'today' }).points).toEqual([]);
    expect(buildDailySeries([], { lastDate: '2024-01-01' }).points).toEqual([]);
  });
});

describe('extendDailySeries', () => {
  it('when the stored series ends on d-1, then recomputing from d equals the full recompute', () => {
    const entries = days('2024-01-01', [100, 0, 50, 120, 0, 0, 80, 90, 30, 0, 150, 60]);
    const full = buildDailySeries(entries, { lastDate: '2024-01-20' }).points;
    const stored = full.slice(0, 9);
    const fromD = entries.filter((e) => e.localDate >= '2024-01-10');
    expect(extendDailySeries(stored, fromD, { lastDate: '2024-01-20' }).points).toEqual(full.slice(9));
  });

  it('when only the last 7 stored points are passed, then the result is the same', () => {
    const entries = days('2024-01-01', [100, 0, 50, 120, 0, 0, 80, 90, 30, 0, 150, 60]);
    const full = buildDailySeries(entries, { lastDate: '2024-01-20' }).points;
    const fromD = entries.filter((e) => e.localDate >= '2024-01-10');
    expect(extendDailySeries(full.slice(2, 9), fromD, { lastDate: '2024-01-20' }).points).toEqual(
      full.slice(9),
    );
  });

  it('when the stored CTL is known, then the next day follows the EWMA recursion', () => {
    const stored = buildDailySeries(days('2024-01-01', [100]), { lastDate: '2024-01-01' }).points;
    const next = extendDailySeries(stored, days('2024-01-02', [100]), { lastDate: '2024-01-02' }).points[0]!;
    expect(next.ctl).toBeCloseTo(stored[0]!.ctl + CTL_K * (100 - stored[0]!.ctl), 12);
    expect(next.historyDay).toBe(2);
  });
});

describe('local dates', () => {
  it.each([
    ['2024-03-10T06:00:00Z', '2024-03-10'], // start_date_local is a wall clock despite the Z
    ['2024-03-10T23:59:59', '2024-03-10'],
    ['2024-02-29T10:00:00Z', '2024-02-29'],
    ['2023-02-29T10:00:00Z', null],
    ['not a date', null],
  ])('when start_date_local is %s, then the local day is %s', (input, expected) => {
    expect(localDateOf(input)).toBe(expected);
  });

  it('when adding days across a month and leap day, then the calendar is right', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
  });
});
