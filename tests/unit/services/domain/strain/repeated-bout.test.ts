import {
  REPEATED_BOUT,
  computeActivityStrain,
  projectAreaStrain,
  repeatedBoutProtection,
  toStrainSession,
  type StrainSession,
} from '../../../../../services/domain/strain';
import { DAY_MS, HOUR_MS, activity, streamsFor } from './builders';

const WEEK_MS = 7 * DAY_MS;
const descent = computeActivityStrain(
  activity(
    'TrailRun',
    streamsFor(600, () => -15),
  ),
  60,
);
const downhillAt = (startMs: number): StrainSession => toStrainSession(descent, startMs);
const quadsAt = (sessions: StrainSession[], nowMs: number) =>
  projectAreaStrain(sessions, nowMs).areas.find((a) => a.area === 'quads')!;

describe('repeatedBoutProtection', () => {
  it.each([
    [[3], 0.25],
    [[3, 4], 0.5],
    [[1, 2, 3, 4, 5], 0.5],
    [[7.5], 0.125],
    [[10], 0],
    [[], 0],
  ])('when prior bouts are %j weeks old, then %f of the eccentric extra is removed', (ages, expected) => {
    const nowMs = 20 * WEEK_MS;
    const starts = ages.map((weeks) => nowMs - weeks * WEEK_MS);
    expect(repeatedBoutProtection(starts, nowMs)).toBeCloseTo(expected, 12);
  });

  it('when a bout starts at the same instant or later, then it does not protect', () => {
    expect(repeatedBoutProtection([1000, 2000], 1000)).toBe(0);
  });
});

describe('projectAreaStrain repeated-bout effect', () => {
  const newcomerNow = 20 * WEEK_MS + 48 * HOUR_MS;
  const weekly = [6, 5, 4, 3, 2].map((w) => downhillAt(20 * WEEK_MS - w * WEEK_MS));

  it('when quads descend weekly, then the next descent causes less soreness than a first descent in months', () => {
    const first = quadsAt([downhillAt(20 * WEEK_MS)], newcomerNow);
    const regular = quadsAt([...weekly, downhillAt(20 * WEEK_MS)], newcomerNow);
    const plainAu = descent.areaLoadsAu.quads;
    const extraAu = descent.eccentricLoadsAu.quads;
    expect(extraAu).toBeGreaterThanOrEqual(REPEATED_BOUT.minEccentricLoad);
    expect(first.sorenessNowAu).toBeCloseTo(plainAu + extraAu, 9);
    // The prior bouts are >= 2 weeks old: their own soreness is < 1e-4 of their damage.
    expect(regular.sorenessNowAu).toBeCloseTo(plainAu + 0.5 * extraAu, 1);
    expect(regular.repeatedBoutProtection).toBe(0.5);
  });

  it('when the last descent was 10 weeks ago, then the protection has gone', () => {
    const old = downhillAt(10 * WEEK_MS);
    const now = quadsAt([old, downhillAt(20 * WEEK_MS)], newcomerNow);
    expect(now.sorenessNowAu).toBeCloseTo(descent.damageLoadsAu.quads, 9);
  });

  it('when protection is at its maximum, then the area still counts at least its plain load', () => {
    const regular = quadsAt([...weekly, downhillAt(20 * WEEK_MS)], newcomerNow);
    expect(regular.sorenessNowAu).toBeGreaterThan(descent.areaLoadsAu.quads);
  });

  it('when the option turns it off, then damage loads superpose unchanged', () => {
    const sessions = [...weekly, downhillAt(20 * WEEK_MS)];
    const off = projectAreaStrain(sessions, newcomerNow, { applyRepeatedBout: false }).areas[1]!;
    expect(off.sorenessNowAu).toBeCloseTo(descent.damageLoadsAu.quads, 1);
  });

  it('when flat runs are regular, then they give no downhill protection', () => {
    const flat = computeActivityStrain(
      activity(
        'Run',
        streamsFor(600, () => 0),
      ),
      60,
    );
    const sessions = [1, 2, 3].map((w) => toStrainSession(flat, 20 * WEEK_MS - w * WEEK_MS));
    expect(quadsAt(sessions, 20 * WEEK_MS).repeatedBoutProtection).toBe(0);
  });
});
