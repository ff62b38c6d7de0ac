/** Synthetic 1 Hz streams for the science cases: hand-checkable speed, grade and heart-rate profiles. */
import type { ActivityInput, ActivityStreams, ActivitySummary } from '../../../services/domain/activity';

export interface Segment {
  durationS: number;
  speedMps: number;
  gradePct: number;
  hrBpm?: number;
}

/** Streams for consecutive constant segments; altitude and distance integrate speed and grade. */
export function segmentStreams(segments: readonly Segment[]): ActivityStreams {
  const s: Required<Omit<ActivityStreams, 'powerW' | 'cadenceRpm'>> = {
    timeS: [],
    heartrateBpm: [],
    velocityMps: [],
    altitudeM: [],
    gradePct: [],
    distanceM: [],
    moving: [],
  };
  let t = 0;
  let distanceM = 0;
  let altitudeM = 1000;
  for (const seg of segments) {
    const g = seg.gradePct / 100;
    for (let k = 0; k < seg.durationS; k++) {
      s.timeS.push(t++);
      s.velocityMps.push(seg.speedMps);
      s.gradePct.push(seg.gradePct);
      s.heartrateBpm.push(seg.hrBpm ?? 140);
      s.distanceM.push(distanceM);
      s.altitudeM.push(altitudeM);
      s.moving.push(true);
      distanceM += seg.speedMps;
      altitudeM += (seg.speedMps * g) / Math.sqrt(1 + g * g);
    }
  }
  return s;
}

/** A summary consistent with the streams (moving time, distance, gain, average HR). */
export function summaryOf(
  sportType: string,
  streams: ActivityStreams,
  overrides: Partial<ActivitySummary> = {},
): ActivitySummary {
  const n = streams.timeS?.length ?? 0;
  const alt = streams.altitudeM ?? [];
  let gainM = 0;
  for (let i = 1; i < alt.length; i++) gainM += Math.max(0, alt[i]! - alt[i - 1]!);
  const hr = streams.heartrateBpm ?? [];
  return {
    sportType,
    startDate: '2024-06-01T06:00:00Z',
    startDateLocal: '2024-06-01T08:00:00',
    movingTimeS: n,
    elapsedTimeS: n,
    distanceM: (streams.velocityMps ?? []).reduce((a, b) => a + b, 0),
    totalElevationGainM: gainM,
    averageHeartrateBpm: hr.length ? hr.reduce((a, b) => a + b, 0) / hr.length : undefined,
    ...overrides,
  };
}

export function activityOf(sportType: string, segments: readonly Segment[]): ActivityInput {
  const streams = segmentStreams(segments);
  return { summary: summaryOf(sportType, streams), streams };
}
