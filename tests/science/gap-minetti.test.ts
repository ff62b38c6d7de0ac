/**
 * Grade-adjusted pace: Minetti et al. 2002's running energy-cost polynomial used as a cost ratio
 * Cr(i)/Cr(0) (the pinned convention, training-science.md conventions table). Each case cites the
 * published example it reproduces and the tolerance that example's rounding allows.
 */
import {
  gradeAdjustedPace,
  minettiCostRatio,
  minettiRunningCost,
  paceForEffortAtGrade,
  runningStress,
} from '../../services/domain/load';

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

describe('Minetti 2002 polynomial (J Appl Physiol 93:1039, coefficients as in the abstract)', () => {
  it('when evaluated at the published points, then Cr(0) = 3.6, Cr(+0.45) = 19.426, min ~1.781 at -0.181 (training-science §6; tol 1e-3)', () => {
    expect(minettiRunningCost(0)).toBe(3.6);
    expect(minettiRunningCost(0.45)).toBeCloseTo(19.426, 3);
    expect(minettiRunningCost(-0.181)).toBeCloseTo(1.781, 3);
  });
});

/**
 * Published cost-ratio table for an 8:00/mi pace (brenoamelo.com/calculators/grade-adjusted-pace, "Same
 * effort across grades", Minetti polynomial normalised by C(0) = 3.6). Ratios are printed to 3 decimals
 * (tolerance 0.0005) and paces to whole seconds (tolerance 1 s: the page rounds, we may round the other way).
 */
const BRENOAMELO_8_00_PER_MILE: [gradePct: number, ratio: number, gapPerMile: string][] = [
  [-15, 0.51, '15:41'],
  [-10, 0.598, '13:23'],
  [-7, 0.688, '11:38'],
  [-5, 0.763, '10:29'],
  [-3, 0.849, '9:25'],
  [-1, 0.947, '8:27'],
  [0, 1.0, '8:00'],
  [1, 1.055, '7:35'],
  [3, 1.174, '6:49'],
  [5, 1.301, '6:09'],
  [7, 1.438, '5:34'],
  [10, 1.658, '4:50'],
  [15, 2.06, '3:53'],
];

describe('published pace equivalences', () => {
  it.each(BRENOAMELO_8_00_PER_MILE)(
    'when 8:00/mi is run at %d %%, then the cost ratio is %d and GAP is %s/mi (brenoamelo table; tol 0.0005, 1 s)',
    (gradePct, ratio, gap) => {
      expect(Math.abs(minettiCostRatio(gradePct / 100) - ratio)).toBeLessThan(0.0005 + 1e-9);
      const [m, s] = gap.split(':').map(Number) as [number, number];
      expect(Math.abs(gradeAdjustedPace(480, gradePct) - (m * 60 + s))).toBeLessThanOrEqual(1);
    },
  );

  it('when 6:00/km is run up +5 % and +8 %, then the flat equivalents are 4:36 and 3:58 /km (bflcoaching.com GAP calculator text; tol 1 s)', () => {
    expect(Math.abs(gradeAdjustedPace(360, 5) - 276)).toBeLessThanOrEqual(1);
    expect(Math.abs(gradeAdjustedPace(360, 8) - 238)).toBeLessThanOrEqual(1);
    expect(mmss(gradeAdjustedPace(360, 5))).toBe('4:37'); // 276.6 s: the page truncates to 4:36
  });

  it('when the calculator text quotes cost factors, then +5 % ~1.30, +10 % ~1.66, +15 % ~2.06, -5 % ~0.76, -10 % ~0.60 (bflcoaching.com; tol 0.005)', () => {
    const quoted: [number, number][] = [
      [5, 1.3],
      [10, 1.66],
      [15, 2.06],
      [-5, 0.76],
      [-10, 0.6],
    ];
    for (const [g, f] of quoted) expect(Math.abs(minettiCostRatio(g / 100) - f)).toBeLessThan(0.005);
  });

  it('when a flat effort is converted to a hill pace and back, then the pace round-trips (inverse; tol 1e-9 s)', () => {
    expect(gradeAdjustedPace(paceForEffortAtGrade(300, 12), 12)).toBeCloseTo(300, 9);
  });
});

describe('running stress on top of GAP (rTSS = h x (v_gap / v_thr)^2 x 100)', () => {
  it('when an hour is run at the speed whose GAP equals threshold speed, then running stress is exactly 100 on any grade (definition; tol 1e-9)', () => {
    const thresholdPace = 240; // s/km
    for (const g of [-0.15, -0.05, 0, 0.05, 0.1, 0.2]) {
      const speed = 1000 / thresholdPace / minettiCostRatio(g);
      expect(runningStress(3600, speed * minettiCostRatio(g), thresholdPace)).toBeCloseTo(100, 9);
    }
  });

  it('when the same speed is held up +10 %, then the load is the cost ratio squared (1.6578^2 = 2.748) because rTSS squares intensity, not because GAP does (definition; tol 1e-3)', () => {
    const flat = runningStress(3600, 3, 240);
    const climb = runningStress(3600, 3 * minettiCostRatio(0.1), 240);
    expect(climb / flat).toBeCloseTo(2.748, 3);
  });
});
