// Test builders for the strain model: small activities with hand-checkable grade profiles.
import type {
  ActivityInput,
  ActivityStreams,
  ActivitySummary,
} from '../../../../../services/domain/activity';

export function summary(overrides: Partial<ActivitySummary> = {}): ActivitySummary {
  return {
    sportType: 'Run',
    startDate: '2026-03-01T07:00:00Z',
    startDateLocal: '2026-03-01T08:00:00',
    movingTimeS: 3600,
    elapsedTimeS: 3600,
    distanceM: 10_000,
    totalElevationGainM: 0,
    ...overrides,
  };
}

/** 1 Hz streams at 3 m/s whose grade (percent) at second i is gradeAt(i); altitude integrates the grade. */
export function streamsFor(n: number, gradeAt: (i: number) => number): ActivityStreams {
  const timeS: number[] = [];
  const gradePct: number[] = [];
  const altitudeM: number[] = [];
  const distanceM: number[] = [];
  let altitude = 500;
  for (let i = 0; i < n; i++) {
    const g = gradeAt(i);
    timeS.push(i);
    gradePct.push(g);
    distanceM.push(3 * i);
    altitudeM.push(altitude);
    altitude += (3 * g) / 100;
  }
  return {
    timeS,
    gradePct,
    altitudeM,
    distanceM,
    velocityMps: timeS.map(() => 3),
    moving: timeS.map(() => true),
  };
}

export function activity(
  sportType: string,
  streams?: ActivityStreams | null,
  overrides: Partial<ActivitySummary> = {},
): ActivityInput {
  return { summary: summary({ sportType, ...overrides }), streams: streams ?? null };
}

/** Deterministic pseudo-random numbers in [-1, 1) (a linear congruential generator), for noise. */
export function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
