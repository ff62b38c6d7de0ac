/** Test builders for the load engine: plain objects with sensible defaults, overrides last. */
import type {
  ActivityInput,
  ActivityStreams,
  ActivitySummary,
} from '../../../../../services/domain/activity';
import {
  resolvePhysiology,
  type EnteredPhysiology,
  type PhysiologyObservations,
  type ResolvedPhysiology,
} from '../../../../../services/domain/load';

export function buildSummary(overrides: Partial<ActivitySummary> = {}): ActivitySummary {
  return {
    sportType: 'Run',
    startDate: '2024-06-01T05:00:00Z',
    startDateLocal: '2024-06-01T07:00:00Z',
    movingTimeS: 3600,
    elapsedTimeS: 3700,
    distanceM: 10_000,
    totalElevationGainM: 0,
    ...overrides,
  };
}

export function buildActivity(
  summary: Partial<ActivitySummary> = {},
  streams: ActivityStreams | null = null,
): ActivityInput {
  return { summary: buildSummary(summary), streams };
}

/** `n` samples of the same value. */
export function constant<T>(n: number, value: T): T[] {
  return new Array<T>(n).fill(value);
}

/** 0, 1, 2, ... n-1 seconds. */
export function seconds(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Male, HRmax 180, HRrest 60, LTHR 162 (HRr 0.85), FTP 250 W, threshold pace 240 s/km: all entered. */
export const ENTERED: EnteredPhysiology = {
  hrMaxBpm: 180,
  hrRestBpm: 60,
  lthrBpm: 162,
  ftpW: 250,
  thresholdPaceSPerKm: 240,
  sex: 'male',
};

export function physiology(
  entered: EnteredPhysiology = ENTERED,
  observations: PhysiologyObservations = {},
): ResolvedPhysiology {
  return resolvePhysiology(entered, observations, '2024-06-01');
}
