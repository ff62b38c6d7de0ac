import {
  BODY_AREAS,
  BODY_AREA_LABELS,
  SHARE_TABLE,
  computeActivityStrain,
  type AreaRecord,
} from '../../../../../services/domain/strain';
import { minettiCostRatio } from '../../../../../services/domain/strain/sample-weights';
import { activity, streamsFor } from './builders';

const sum = (r: AreaRecord): number => BODY_AREAS.reduce((acc, area) => acc + r[area], 0);
const top = (r: AreaRecord, k: number): string[] => [...BODY_AREAS].sort((a, b) => r[b] - r[a]).slice(0, k);
/** Metres descended in n seconds at 3 m/s on grade g (fraction): 3 x n x sin(atan(-g)). */
const descentOf = (n: number, g: number) => (3 * n * -g) / Math.sqrt(1 + g * g);

describe('coefficient table', () => {
  it('when any row is read, then its shares sum to one', () => {
    for (const row of Object.values(SHARE_TABLE)) expect(sum(row)).toBeCloseTo(1, 12);
  });

  it('when areas are listed, then they come in product order with human labels', () => {
    expect(BODY_AREAS).toEqual([
      'calves',
      'quads',
      'hamstrings',
      'glutesHips',
      'lowerBack',
      'neckShoulders',
      'arms',
    ]);
    expect(BODY_AREAS.map((a) => BODY_AREA_LABELS[a])).toEqual([
      'calves',
      'quads',
      'hamstrings',
      'glutes/hips',
      'lower back',
      'neck/shoulders',
      'arms',
    ]);
  });

  it('when the Minetti cost ratio is taken, then it is 1 on the flat and Cr(0.45)/3.6 at the clamp', () => {
    expect(minettiCostRatio('run', 0)).toBe(1);
    expect(minettiCostRatio('run', 45)).toBeCloseTo(19.426 / 3.6, 3);
    expect(minettiCostRatio('run', 80)).toBeCloseTo(19.426 / 3.6, 3);
    expect(minettiCostRatio('walk', 0)).toBe(1);
  });
});

describe('computeActivityStrain by sport and gradient', () => {
  const flatRun = computeActivityStrain(
    activity(
      'Run',
      streamsFor(3600, () => 0),
    ),
    80,
  );
  const downhillTrail = computeActivityStrain(
    activity(
      'TrailRun',
      streamsFor(3600, () => -15),
    ),
    80,
  );
  const climb = computeActivityStrain(
    activity(
      'TrailRun',
      streamsFor(3600, () => 12),
    ),
    80,
  );

  it('when a flat run is split, then shares equal the level row and loads sum to the load', () => {
    expect(flatRun.shares).toEqual(SHARE_TABLE.runLevel);
    expect(sum(flatRun.areaLoadsAu)).toBeCloseTo(80, 9);
    expect(sum(flatRun.eccentricLoadsAu)).toBe(0);
  });

  it('when a steep downhill trail run has the same load as a flat run, then it loads quads more', () => {
    // Issue 16: the eccentric extra is 11 AU per 100 m descended (quads; calves 0.45 of it), independent of
    // the load; the old value (load x 1.0 x w_down) shrank with the load a descent earns.
    const descentM = descentOf(3600, -0.15); // 1602.1 m
    expect(downhillTrail.descentM).toBeCloseTo(descentM, 6);
    expect(downhillTrail.areaLoadsAu.quads).toBeGreaterThan(flatRun.areaLoadsAu.quads);
    expect(downhillTrail.damageLoadsAu.quads).toBeCloseTo(80 * 0.46 + 0.11 * descentM, 9);
    expect(downhillTrail.damageLoadsAu.calves).toBeCloseTo(80 * 0.24 + 0.45 * 0.11 * descentM, 9);
    expect(sum(downhillTrail.damageLoadsAu)).toBeGreaterThan(80);
    expect(sum(downhillTrail.areaLoadsAu)).toBeCloseTo(80, 9);
  });

  it('when a run climbs, then glutes/hips carry more than on the flat', () => {
    expect(climb.shares).toEqual(SHARE_TABLE.hillUp);
    expect(climb.areaLoadsAu.glutesHips).toBeGreaterThan(flatRun.areaLoadsAu.glutesHips);
    expect(sum(climb.eccentricLoadsAu)).toBe(0);
  });

  it('when the grade is -5 %, then shares blend level and downhill half and half (hand-computed)', () => {
    const r = computeActivityStrain(
      activity(
        'Run',
        streamsFor(600, () => -5),
      ),
      100,
    );
    expect(r.shares.quads).toBeCloseTo(0.5 * 0.25 + 0.5 * 0.46, 12);
    // eccentric extra = 0.11 AU per metre descended: 600 s x 3 m/s x sin(atan(0.05)) = 89.89 m -> 9.888 AU
    expect(r.eccentricLoadsAu.quads).toBeCloseTo(0.11 * descentOf(600, -0.05), 9);
    expect(r.eccentricLoadsAu.calves).toBeCloseTo(0.45 * 0.11 * descentOf(600, -0.05), 9);
  });

  it('when a hike descends, then it uses the hill rows with the eccentric component', () => {
    const r = computeActivityStrain(
      activity(
        'Hike',
        streamsFor(600, () => -20),
      ),
      50,
    );
    expect(r.shares).toEqual(SHARE_TABLE.hillDown);
    expect(r.eccentricLoadsAu.quads).toBeCloseTo(0.11 * descentOf(600, -0.2), 9); // 353 m -> 38.8 AU
  });

  it('when a swim is split, then neck/shoulders and arms carry the most', () => {
    const r = computeActivityStrain(activity('Swim'), 60);
    expect(top(r.areaLoadsAu, 2)).toEqual(['neckShoulders', 'arms']);
  });

  it('when a ride is split, then quads carry the most and hills change nothing', () => {
    const r = computeActivityStrain(
      activity(
        'Ride',
        streamsFor(600, () => -12),
      ),
      90,
    );
    expect(top(r.areaLoadsAu, 1)).toEqual(['quads']);
    expect(r.shares).toEqual(SHARE_TABLE.ride);
    expect(sum(r.eccentricLoadsAu)).toBe(0);
  });

  it('when only the summary is known, then gain/distance is split into up and down halves', () => {
    const r = computeActivityStrain(
      activity('Run', null, { distanceM: 10_000, totalElevationGainM: 500 }),
      100,
    );
    expect(r.gradeSource).toBe('summary');
    expect(r.shares.quads).toBeCloseTo(0.5 * 0.25 + 0.25 * 0.2 + 0.25 * 0.46, 12);
    // a loop descends what it climbs: 500 m -> 55 AU for the quads, whatever the load
    expect(r.descentM).toBe(500);
    expect(r.eccentricLoadsAu.quads).toBeCloseTo(55, 9);
  });

  it('when per-sample weights put all load on the downhill half, then the downhill row is used', () => {
    const streams = streamsFor(600, (i) => (i < 300 ? 0 : -10));
    const hrWeights = streams.timeS!.map((i) => (i < 300 ? 0 : 2.5));
    const r = computeActivityStrain(activity('Run', streams), 70, { sampleWeights: hrWeights });
    expect(r.shares).toEqual(SHARE_TABLE.hillDown);
  });

  it('when a climb and a descent take equal time, then Minetti weighting favours the climb', () => {
    const streams = streamsFor(600, (i) => (i < 300 ? 10 : -10));
    const weighted = computeActivityStrain(activity('Run', streams), 70);
    const plain = computeActivityStrain(activity('Run', streams), 70, { costWeighting: false });
    expect(plain.shares.glutesHips).toBeCloseTo((0.24 + 0.12) / 2, 12);
    expect(weighted.shares.glutesHips).toBeGreaterThan(plain.shares.glutesHips);
  });
});

describe('computeActivityStrain for uniform sports', () => {
  it('when weight training has no tags, then each area gets 1/7', () => {
    const r = computeActivityStrain(activity('WeightTraining'), 70);
    for (const area of BODY_AREAS) expect(r.shares[area]).toBeCloseTo(1 / 7, 12);
    expect(r.notes.map((n) => n.code)).toContain('uniform-split');
  });

  it('when tags name known areas in any spelling, then the load splits evenly over them', () => {
    const r = computeActivityStrain(
      activity('Workout', null, { taggedAreas: ['quads', 'Glutes / Hips', 'biceps'] }),
      60,
    );
    expect(r.areaLoadsAu.quads).toBeCloseTo(30, 12);
    expect(r.areaLoadsAu.glutesHips).toBeCloseTo(30, 12);
    expect(r.notes).toContainEqual({ code: 'unknown-tags-ignored', count: 1, detail: 'biceps' });
  });

  it('when a run is tagged, then the modelled split wins and the tags are noted as ignored', () => {
    const r = computeActivityStrain(activity('Run', null, { taggedAreas: ['arms'] }), 60);
    expect(r.shares).toEqual(SHARE_TABLE.runLevel);
    expect(r.notes.map((n) => n.code)).toContain('tags-ignored-for-modelled-sport');
  });
});
