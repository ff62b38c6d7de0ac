/**
 * The eccentric descent component (services/domain/strain/eccentric.ts). Published facts it must respect:
 * downhill running is eccentric work for the knee extensors and the classic cause of delayed soreness
 * (Maeo 2017: knee extensors lose about twice the torque of plantar flexors after 45 min at -15 %;
 * Bontemps 2020 review). The load engine's metabolic discount of descents (Minetti 2002) must not shrink it.
 */
import { computeActivityLoad, resolvePhysiology } from '../../services/domain/load';
import {
  BODY_AREAS,
  computeActivityStrain,
  projectAreaStrain,
  toStrainSession,
  type AreaRecord,
} from '../../services/domain/strain';
import { activityOf, type Segment } from './support/streams';

const physiology = resolvePhysiology(
  { hrMaxBpm: 185, hrRestBpm: 50, lthrBpm: 165, thresholdPaceSPerKm: 240, sex: 'male' },
  {},
  '2024-06-01',
);

/** Load (engine) and strain of one activity, as the recompute job computes them. */
function strainOf(sport: string, segments: Segment[]) {
  const input = activityOf(sport, segments);
  const load = computeActivityLoad(input, physiology);
  return { load, strain: computeActivityStrain(input, load.load) };
}

const ranked = (r: AreaRecord) => [...BODY_AREAS].sort((a, b) => r[b] - r[a]);

describe('eccentric component of descents', () => {
  const pace = 3.2; // m/s, the same on every grade
  const flat = strainOf('Run', [{ durationS: 2700, speedMps: pace, gradePct: 0 }]);

  it.each([-15, -20])(
    'when the same pace is run on a %d %% descent, then the quads get more damage weight than on the flat although the metabolic load is lower (Maeo 2017; issue 16)',
    (gradePct) => {
      const down = strainOf('Run', [{ durationS: 2700, speedMps: pace, gradePct }]);
      expect(down.load.method).toBe('runningStress');
      expect(down.load.load).toBeLessThan(flat.load.load); // Minetti: descents cost less
      expect(down.strain.damageLoadsAu.quads).toBeGreaterThan(flat.strain.damageLoadsAu.quads);
      expect(down.strain.damageLoadsAu.calves).toBeGreaterThan(flat.strain.damageLoadsAu.calves);
    },
  );

  it('when the descent is steeper or faster for the same time, then the eccentric component grows (negative work rate = g x v x sin(slope))', () => {
    const ecc = (speedMps: number, gradePct: number) =>
      computeActivityStrain(activityOf('TrailRun', [{ durationS: 1800, speedMps, gradePct }]), 50)
        .eccentricLoadsAu.quads;
    expect(ecc(3, -10)).toBeGreaterThan(ecc(3, -5));
    expect(ecc(3, -20)).toBeGreaterThan(ecc(3, -10));
    expect(ecc(4, -10)).toBeGreaterThan(ecc(3, -10));
  });

  it('when the metabolic load differs but the descent is the same, then the eccentric component is the same (independent of metabolic cost)', () => {
    const input = activityOf('Run', [{ durationS: 1800, speedMps: 3, gradePct: -12 }]);
    expect(computeActivityStrain(input, 20).eccentricLoadsAu).toEqual(
      computeActivityStrain(input, 200).eccentricLoadsAu,
    );
  });

  it("when Bontemps 2020's median protocol is run (40 min, -12 %, 11.3 km/h), then the quads get about 100 AU (our calibration; tol 2 AU)", () => {
    const r = computeActivityStrain(
      activityOf('Run', [{ durationS: 2400, speedMps: 11.3 / 3.6, gradePct: -12 }]),
      60,
    );
    expect(r.descentM).toBeCloseTo(898, 0);
    expect(Math.abs(r.eccentricLoadsAu.quads - 100)).toBeLessThan(2);
  });

  it("when a trail runner's big-descent day is projected, then quads rank first (issue 16)", () => {
    // 3 h mountain day: 1400 m up at +12 %, 1400 m down at -15 %, HR steady.
    const up = 1400 / (1.6 * 0.12);
    const down = 1400 / (3.2 * 0.15);
    const day = strainOf('TrailRun', [
      { durationS: 900, speedMps: 3, gradePct: 0, hrBpm: 140 },
      { durationS: Math.round(up), speedMps: 1.6, gradePct: 12, hrBpm: 155 },
      { durationS: Math.round(down), speedMps: 3.2, gradePct: -15, hrBpm: 135 },
    ]);
    expect(ranked(day.strain.damageLoadsAu)[0]).toBe('quads');
    const startMs = Date.parse('2024-06-01T06:00:00Z');
    const projection = projectAreaStrain([toStrainSession(day.strain, startMs)], startMs + 24 * 3_600_000);
    const byIndex = [...projection.areas].sort((a, b) => b.sorenessProjectedAu - a.sorenessProjectedAu);
    expect(byIndex[0]!.area).toBe('quads');
  });
});
