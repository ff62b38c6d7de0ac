/** Builders for recommendation tests: sensible defaults, overrides last. */
import type {
  AreaStrain,
  PlannedRace,
  RecentActivity,
  RecommendationContext,
} from '../../../../../services/domain/recommend';

/** Evaluation day: Tuesday 12 May 2026. */
export const TODAY = '2026-05-12';

export function buildContext(overrides: Partial<RecommendationContext> = {}): RecommendationContext {
  return {
    athleteId: 'ath-1',
    localDate: TODAY,
    training: { calibrating: false, tsb: 0, acuteChronicRatio: 1, monotony: 1.2 },
    areas: [],
    recentActivities: [],
    races: [],
    health: { injured: false, ill: false },
    ...overrides,
  };
}

export function buildActivity(overrides: Partial<RecentActivity> = {}): RecentActivity {
  return {
    activityId: 'act-1',
    sportType: 'Run',
    localDate: '2026-05-10',
    sinceEndH: 40,
    loadAu: 120,
    workoutType: null,
    descentM: 100,
    ...overrides,
  };
}

export function buildStrain(overrides: Partial<AreaStrain> = {}): AreaStrain {
  return { area: 'quads', projectedSorenessAu: 50, baselineAu: 50, mainActivityId: 'act-1', ...overrides };
}

export function race(localDate: string, priority: PlannedRace['priority'] = 'A'): PlannedRace {
  return { localDate, priority };
}

/** Sunday's trail run with a 1,100 m descent that left the quads at 2.1x their usual load. */
export function downhillContext(overrides: Partial<RecommendationContext> = {}): RecommendationContext {
  return buildContext({
    recentActivities: [buildActivity({ sportType: 'TrailRun', descentM: 1100, loadAu: 180, sinceEndH: 40 })],
    areas: [
      buildStrain({ area: 'quads', projectedSorenessAu: 105, baselineAu: 50 }),
      buildStrain({ area: 'calves', projectedSorenessAu: 55, baselineAu: 50 }),
    ],
    ...overrides,
  });
}
