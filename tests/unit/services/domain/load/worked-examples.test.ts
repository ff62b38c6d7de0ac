/** The worked examples of training-science.md section 6 (and the 1.1 stream-vs-average check), as tests. */
import {
  buildDailySeries,
  cleanStreams,
  hrssFromTrimp,
  intensityFactor,
  minettiRunningCost,
  normalizedPower,
  powerTss,
  sessionRpeArbitraryUnits,
  trimpFromAverageHr,
  trimpFromStream,
} from '../../../../../services/domain/load';

describe('worked examples (training-science.md section 6)', () => {
  it.each([
    ['male', 190, 50, 169],
    ['female', 200, 40, 180],
    ['unknown', 175, 65, 150],
  ] as const)('when a %s athlete spends 60 min at LTHR, then HRSS is 100.0', (sex, max, rest, lthr) => {
    const p = { hrMaxBpm: max, hrRestBpm: rest, lthrBpm: lthr, sex };
    expect(hrssFromTrimp(trimpFromAverageHr(lthr, 3600, p), p)).toBeCloseTo(100, 10);
  });

  it('when NP 300 W is held for 3600 s at FTP 300 W, then TSS is 100.0', () => {
    expect(powerTss(3600, 300, 300)).toBeCloseTo(100, 12);
  });

  it('when NP 225 W is held for 7200 s at FTP 250 W, then IF is 0.9 and TSS 162.0', () => {
    // IF = 225/250 = 0.9; TSS = 2 h x 0.81 x 100 = 162
    expect(intensityFactor(225, 250)).toBeCloseTo(0.9, 12);
    expect(powerTss(7200, 225, 250)).toBeCloseTo(162, 10);
  });

  it('when a 3600-sample stream is a steady 200 W, then NP is 200', () => {
    expect(normalizedPower(new Array<number>(3600).fill(200))).toBeCloseTo(200, 10);
  });

  it('when 120 min are rated RPE 6, then Foster load is 720 AU', () => {
    expect(sessionRpeArbitraryUnits(6, 120 * 60)).toBe(720);
  });

  it('when evaluating the Minetti polynomial, then Cr(0) = 3.6, Cr(0.45) = 19.426 and the minimum is ~1.781 at -0.181', () => {
    expect(minettiRunningCost(0)).toBe(3.6);
    // 155.4(.0184528) - 30.4(.0410063) - 43.3(.091125) + 46.3(.2025) + 19.5(.45) + 3.6 = 19.42602
    expect(minettiRunningCost(0.45)).toBeCloseTo(19.426, 3);
    expect(minettiRunningCost(-0.181)).toBeCloseTo(1.781, 3);
    expect(minettiRunningCost(-0.17)).toBeGreaterThan(minettiRunningCost(-0.181));
    expect(minettiRunningCost(-0.19)).toBeGreaterThan(minettiRunningCost(-0.181));
  });

  it('when 7 equal non-zero days are the window, then monotony hits the cap of 10', () => {
    const entries = Array.from({ length: 7 }, (_, i) => ({ localDate: `2024-01-0${i + 1}`, load: 60 }));
    const last = buildDailySeries(entries, { lastDate: '2024-01-07' }).points[6]!;
    expect(last.monotony).toBe(10);
    expect(last.strain).toBeCloseTo(420 * 10, 9);
  });

  it('when a variable session is scored, then stream TRIMP is 103.27 and average-HR TRIMP 91.14 (section 1.1)', () => {
    // 10 min @110, 20 @130, 15 @150, 10 @170, 5 @185; male, rest 50, max 190; average HR 8575/60 = 142.92
    const blocks: [number, number][] = [
      [10, 110],
      [20, 130],
      [15, 150],
      [10, 170],
      [5, 185],
    ];
    const hr = blocks.flatMap(([minutes, bpm]) => new Array<number>(minutes * 60).fill(bpm));
    const p = { hrMaxBpm: 190, hrRestBpm: 50, lthrBpm: 169, sex: 'male' as const };
    expect(trimpFromStream(cleanStreams({ heartrateBpm: hr }, 'Run'), p)!.trimp).toBeCloseTo(103.27, 2);
    expect(trimpFromAverageHr(8575 / 60, 3600, p)).toBeCloseTo(91.14, 2);
  });
});
