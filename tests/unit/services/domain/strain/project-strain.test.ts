import {
  STRAIN_STATE_THRESHOLDS,
  classifyStrain,
  computeActivityStrain,
  projectAreaStrain,
  toStrainSession,
  type AreaStrain,
  type StrainSession,
} from '../../../../../services/domain/strain';
import { DAY_MS, HOUR_MS, activity, streamsFor } from './builders';

const flatRun = (load: number, startMs: number): StrainSession =>
  toStrainSession(computeActivityStrain(activity('Run'), load), startMs);
const downhillRun = (load: number, startMs: number): StrainSession =>
  toStrainSession(
    computeActivityStrain(
      activity(
        'TrailRun',
        streamsFor(600, () => -15),
      ),
      load,
    ),
    startMs,
  );
const area = (sessions: StrainSession[], nowMs: number, name: AreaStrain['area']): AreaStrain =>
  projectAreaStrain(sessions, nowMs).areas.find((a) => a.area === name)!;

/** 6 runs a week of load 70 with a Sunday long run of 180, for `weeks` weeks, each at 07:00. */
function marathonBlock(weeks: number): StrainSession[] {
  const sessions: StrainSession[] = [];
  for (let day = 0; day < weeks * 7; day++) {
    if (day % 7 === 0) continue;
    sessions.push(flatRun(day % 7 === 6 ? 180 : 70, day * DAY_MS + 7 * HOUR_MS));
  }
  return sessions;
}

describe('projectAreaStrain baseline', () => {
  it('when a marathoner has trained for 8 weeks, then their calves are not strained on any evening', () => {
    const sessions = marathonBlock(8);
    for (let day = 42; day < 56; day++) {
      const calves = area(sessions, day * DAY_MS + 20 * HOUR_MS, 'calves');
      expect(calves.state).not.toBe('strained');
      expect(calves.strainIndex).toBeGreaterThan(0.6);
    }
  });

  it('when a new athlete does the marathoner long run, then their calves are strained', () => {
    const calves = area([flatRun(180, 7 * HOUR_MS)], 20 * HOUR_MS, 'calves');
    expect(calves.state).toBe('strained');
    expect(calves.baselineSorenessAu).toBeCloseTo((5 * 12 * Math.E ** 2) / 24, 9);
  });

  it('when weeks of training accumulate, then the baseline rises to the habitual load', () => {
    const sessions = marathonBlock(8);
    const week1 = area(sessions, 7 * DAY_MS, 'calves').baselineSorenessAu;
    const week5 = area(sessions, 35 * DAY_MS, 'calves').baselineSorenessAu;
    expect(week5).toBeGreaterThan(2 * week1);
  });
});

describe('projectAreaStrain states', () => {
  it.each([
    [0.5, 0.8, 'fresh'],
    [1.0, 1.3, 'loaded'],
    [1.4, 1.3, 'recovering'],
    [1.7, 1.4, 'recovering'],
    [1.0, 1.6, 'strained'],
  ] as const)('when current index is %f and projected %f, then the state is %s', (now, projected, state) => {
    expect(classifyStrain(now, projected)).toBe(state);
  });

  it('when a first steep descent ages, then quads go strained -> recovering -> fresh', () => {
    const sessions = [downhillRun(60, 0)];
    expect(area(sessions, 6 * HOUR_MS, 'quads').state).toBe('strained');
    expect(area(sessions, 90 * HOUR_MS, 'quads').state).toBe('recovering');
    expect(area(sessions, 200 * HOUR_MS, 'quads').state).toBe('fresh');
  });

  it('when a moderate flat run was this morning, then calves are loaded, not strained', () => {
    expect(area([flatRun(70, 0)], 6 * HOUR_MS, 'calves').state).toBe('loaded');
  });

  it('when the thresholds are read, then they live in one constant object', () => {
    expect(STRAIN_STATE_THRESHOLDS).toMatchObject({
      strainedIndex: 1.5,
      loadedIndex: 1.2,
      projectionHorizonH: 24,
    });
  });
});

describe('projectAreaStrain superposition and input hygiene', () => {
  it('when two equal sessions start together, then soreness and fatigue double', () => {
    const one = area([flatRun(50, 0)], 30 * HOUR_MS, 'calves');
    const two = area([flatRun(50, 0), flatRun(50, 0)], 30 * HOUR_MS, 'calves');
    expect(two.sorenessNowAu).toBeCloseTo(2 * one.sorenessNowAu, 9);
    expect(two.fatigueNowAu).toBeCloseTo(2 * one.fatigueNowAu, 9);
  });

  it('when a session was 48 h ago, then soreness equals its damage load', () => {
    const s = flatRun(100, 0);
    expect(area([s], 48 * HOUR_MS, 'calves').sorenessNowAu).toBeCloseTo(40, 9);
  });

  it('when quads did a steep descent, then their fatigue decays with tau 48 h', () => {
    const s = downhillRun(60, 0);
    const quads = area([s], 48 * HOUR_MS, 'quads');
    expect(quads.fatigueNowAu).toBeCloseTo(
      (s.areaLoadsAu.quads + s.eccentricLoadsAu.quads) * Math.exp(-1),
      9,
    );
  });

  it('when sessions are in the future or malformed, then they are ignored and counted', () => {
    const junk = [
      flatRun(50, 10 * DAY_MS),
      { startMs: NaN } as StrainSession,
      null as unknown as StrainSession,
    ];
    const report = projectAreaStrain([flatRun(50, 0), ...junk], DAY_MS);
    expect(report.sessionsUsed).toBe(1);
    expect(report.sessionsIgnored).toBe(3);
    expect(projectAreaStrain(null as unknown as StrainSession[], NaN).areas).toHaveLength(7);
  });
});
