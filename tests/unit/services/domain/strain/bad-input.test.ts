import type { ActivityInput } from '../../../../../services/domain/activity';
import { BODY_AREAS, SHARE_TABLE, computeActivityStrain } from '../../../../../services/domain/strain';
import { activity, noise, streamsFor } from './builders';

const codes = (r: { notes: { code: string }[] }): string[] => r.notes.map((n) => n.code);

describe('computeActivityStrain with missing or noisy grade', () => {
  it('when a few grade samples are NaN, then they are filled from neighbours and counted', () => {
    const streams = streamsFor(600, () => -10);
    streams.gradePct = streams.gradePct!.map((g, i) => (i % 50 === 0 ? NaN : g));
    const r = computeActivityStrain(activity('Run', streams), 60);
    expect(r.gradeSource).toBe('stream');
    expect(r.notes).toContainEqual({ code: 'grade-gaps-filled', count: 12 });
    expect(r.shares).toEqual(SHARE_TABLE.hillDown);
  });

  it('when the grade stream is all NaN, then grade is derived from altitude and distance', () => {
    const streams = streamsFor(1200, () => -12);
    streams.gradePct = streams.gradePct!.map(() => NaN);
    const r = computeActivityStrain(activity('TrailRun', streams), 60);
    expect(r.gradeSource).toBe('altitude');
    expect(codes(r)).toEqual(expect.arrayContaining(['grade-stream-noisy', 'grade-from-altitude']));
    expect(r.shares.quads).toBeCloseTo(0.46, 6);
  });

  it('when a flat run has ±2 m altitude noise and no grade stream, then the split stays near the level row', () => {
    const streams = streamsFor(3600, () => 0);
    const rand = noise(7);
    delete streams.gradePct;
    streams.altitudeM = streams.altitudeM!.map((a) => a + 2 * rand());
    const r = computeActivityStrain(activity('Run', streams), 80);
    expect(r.gradeSource).toBe('altitude');
    expect(Math.abs(r.shares.quads - 0.25)).toBeLessThan(0.01);
    expect(r.eccentricLoadsAu.quads).toBeLessThan(0.02 * 80);
  });

  it('when altitude jumps by tens of metres per second, then it is rejected and the summary is used', () => {
    const streams = streamsFor(1200, () => 0);
    const rand = noise(3);
    delete streams.gradePct;
    streams.altitudeM = streams.altitudeM!.map((a) => a + 40 * rand());
    const r = computeActivityStrain(activity('Run', streams, { totalElevationGainM: 0 }), 50);
    expect(r.gradeSource).toBe('summary');
    expect(codes(r)).toContain('altitude-noisy');
    expect(r.shares).toEqual(SHARE_TABLE.runLevel);
  });

  it('when a few samples read steeper than 50 %, then they are dropped and counted', () => {
    const streams = streamsFor(600, () => 0);
    streams.gradePct = streams.gradePct!.map((g, i) => (i % 100 === 50 ? -400 : g));
    const r = computeActivityStrain(activity('Run', streams), 60);
    expect(r.notes).toContainEqual({ code: 'absurd-grade-dropped', count: 6 });
    expect(r.shares).toEqual(SHARE_TABLE.runLevel);
  });

  it('when the summary gradient is over 50 %, then it is clamped and noted', () => {
    const r = computeActivityStrain(
      activity('Hike', null, { distanceM: 1000, totalElevationGainM: 900 }),
      40,
    );
    expect(codes(r)).toContain('summary-gradient-clamped');
    expect(r.shares.glutesHips).toBeCloseTo((0.24 + 0.12) / 2, 12);
  });

  it('when the athlete never moved, then the duration weights are empty and the summary is used', () => {
    const streams = streamsFor(300, () => -10);
    streams.moving = streams.moving!.map(() => false);
    const r = computeActivityStrain(activity('Run', streams, { distanceM: 0 }), 10);
    expect(r.gradeSource).toBe('none');
    expect(codes(r)).toContain('summary-grade-unavailable');
  });

  it('when streams differ in length, then the common length is used and noted', () => {
    const streams = streamsFor(600, () => -10);
    streams.altitudeM = streams.altitudeM!.slice(0, 400);
    const r = computeActivityStrain(activity('Run', streams), 60);
    expect(r.notes).toContainEqual({ code: 'streams-truncated', count: 400 });
    expect(r.shares).toEqual(SHARE_TABLE.hillDown);
  });
});

describe('computeActivityStrain with bad summary or options', () => {
  it('when the sport is unknown, then the split is uniform and the fallback is noted', () => {
    for (const sportType of ['Kitesurf', 'toString', '']) {
      const r = computeActivityStrain(activity(sportType), 30);
      for (const area of BODY_AREAS) expect(r.shares[area]).toBeCloseTo(1 / 7, 12);
      expect(codes(r)).toContain('unknown-sport-uniform');
    }
  });

  it('when the load is NaN or negative, then every area load is 0 and it is noted', () => {
    for (const load of [NaN, -5, Infinity]) {
      const r = computeActivityStrain(activity('Run'), load);
      expect(r.loadAu).toBe(0);
      for (const area of BODY_AREAS) expect(r.damageLoadsAu[area]).toBe(0);
      expect(codes(r)).toContain('invalid-load');
    }
  });

  it('when per-sample weights have the wrong length or NaNs, then they are ignored or cleaned', () => {
    const streams = streamsFor(100, () => 0);
    const short = computeActivityStrain(activity('Run', streams), 10, { sampleWeights: [1, 2] });
    expect(codes(short)).toContain('sample-weights-ignored');
    const weights = streams.timeS!.map((i) => (i % 10 === 0 ? NaN : 1));
    const cleaned = computeActivityStrain(activity('Run', streams), 10, { sampleWeights: weights });
    expect(cleaned.notes).toContainEqual({ code: 'sample-weights-cleaned', count: 10 });
  });

  it('when the input is not shaped like an activity at all, then no exception escapes', () => {
    const junk = [null, {}, { summary: null }, { summary: { sportType: 'Run' }, streams: { gradePct: 'x' } }];
    for (const input of junk) {
      const r = computeActivityStrain(input as unknown as ActivityInput, 50);
      expect(BODY_AREAS.reduce((s, a) => s + r.shares[a], 0)).toBeCloseTo(1, 12);
    }
  });

  it('when tags are not strings, then they are ignored and noted', () => {
    const tags = [42, null, 'quads'] as unknown as string[];
    const r = computeActivityStrain(activity('Crossfit', null, { taggedAreas: tags }), 20);
    expect(r.areaLoadsAu.quads).toBe(20);
    expect(r.notes).toContainEqual({ code: 'unknown-tags-ignored', count: 2, detail: '42, null' });
  });
});
