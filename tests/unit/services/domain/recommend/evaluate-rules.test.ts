import {
  ALERT_RULES,
  evaluateRules,
  parseAlertSettings,
  type RecommendationContext,
  type RuleId,
} from '../../../../../services/domain/recommend';
import { buildActivity, buildContext, buildStrain, TODAY } from './builders';

/** A context where only `ruleId`'s measured value is `value` and every other rule is quiet. */
function contextFor(ruleId: RuleId, value: number, calibrating = false): RecommendationContext {
  const training = { calibrating, tsb: 0, acuteChronicRatio: 1, monotony: 1.2 };
  switch (ruleId) {
    case 'area-strain':
      return buildContext({
        training,
        areas: [buildStrain({ projectedSorenessAu: value * 100, baselineAu: 100 })],
      });
    case 'hard-session':
      return buildContext({ training, recentActivities: [buildActivity({ loadAu: value })] });
    case 'form-low':
      return buildContext({ training: { ...training, tsb: value } });
    case 'load-spike':
      return buildContext({ training: { ...training, acuteChronicRatio: value } });
    case 'monotony':
      return buildContext({ training: { ...training, monotony: value } });
  }
}

const ids = (context: RecommendationContext, settings = {}) =>
  evaluateRules(context, settings).map((a) => a.ruleId);

describe('evaluateRules thresholds', () => {
  // [rule, value, fires]: at, just on the quiet side, just on the firing side of each default threshold.
  const cases: [RuleId, number, boolean][] = [
    ['area-strain', 1.5, true],
    ['area-strain', 1.49, false],
    ['area-strain', 1.51, true],
    ['hard-session', 300, true],
    ['hard-session', 299.9, false],
    ['hard-session', 300.1, true],
    ['form-low', -30, true],
    ['form-low', -29.9, false],
    ['form-low', -30.1, true],
    ['load-spike', 1.5, true],
    ['load-spike', 1.49, false],
    ['load-spike', 1.51, true],
    ['monotony', 2.0, false],
    ['monotony', 1.99, false],
    ['monotony', 2.01, true],
  ];

  it.each(cases)('when %s measures %d, then it fires: %s', (ruleId, value, fires) => {
    expect(ids(contextFor(ruleId, value))).toEqual(fires ? [ruleId] : []);
  });
});

describe('evaluateRules on tiny numbers', () => {
  it('when an area has almost no soreness load and an almost empty baseline, then no alert fires', () => {
    // 1e-16 / 5e-324 would be a ratio of about 1.8e307: meaningless, so the area needs >= 1 AU first.
    const context = buildContext({
      areas: [buildStrain({ area: 'calves', projectedSorenessAu: 1e-16, baselineAu: 5e-324 })],
    });
    expect(evaluateRules(context)).toEqual([]);
  });
});

describe('evaluateRules while calibrating', () => {
  it.each(ALERT_RULES.map((rule) => [rule.id, rule.mayFireWhileCalibrating] as const))(
    'when calibrating and %s is over its threshold, then it fires only if allowed (%s)',
    (ruleId, allowed) => {
      const farOver: Record<RuleId, number> = {
        'area-strain': 3,
        'hard-session': 500,
        'form-low': -60,
        'load-spike': 3,
        monotony: 5,
      };
      expect(ids(contextFor(ruleId, farOver[ruleId], true))).toEqual(allowed ? [ruleId] : []);
    },
  );

  it('when calibrating, then form-low and load-spike are the rules held back', () => {
    const held = ALERT_RULES.filter((rule) => !rule.mayFireWhileCalibrating).map((rule) => rule.id);
    expect(held.sort()).toEqual(['form-low', 'load-spike']);
  });
});

describe('evaluateRules overrides', () => {
  it('when the athlete lowers area-strain to 1.2, then a 1.3x area fires', () => {
    expect(ids(contextFor('area-strain', 1.3))).toEqual([]);
    expect(ids(contextFor('area-strain', 1.3), { thresholds: { 'area-strain': 1.2 } })).toEqual([
      'area-strain',
    ]);
  });

  it('when the athlete raises hard-session to 400, then a 350 session stays quiet', () => {
    expect(ids(contextFor('hard-session', 350), { thresholds: { 'hard-session': 400 } })).toEqual([]);
  });

  it('when a rule is disabled, then it never fires', () => {
    expect(ids(contextFor('monotony', 9), { disabledRules: ['monotony'] })).toEqual([]);
  });

  it.each([
    [{ thresholds: { 'area-strain': 0.5 } }],
    [{ thresholds: { 'form-low': 10 } }],
    [{ thresholds: { monotony: Number.NaN } }],
    [{ thresholds: { unknownRule: 2 } }],
    [{ extra: true }],
  ])('when settings are invalid (%j), then parsing throws', (settings) => {
    expect(() => parseAlertSettings(settings)).toThrow();
    expect(() => evaluateRules(buildContext(), settings as never)).toThrow();
  });
});

describe('evaluateRules hard sessions and races', () => {
  it.each([
    ['Run', 1, true],
    ['TrailRun', 1, true],
    ['Ride', 11, true],
    ['Ride', 1, false],
    ['Run', 11, false],
    ['Run', 2, false],
  ])(
    'when a %s has workout_type %d and low load, then the race trigger fires: %s',
    (sportType, workoutType, fires) => {
      const context = buildContext({
        recentActivities: [buildActivity({ sportType, workoutType, loadAu: 90 })],
      });
      const alerts = evaluateRules(context);
      expect(alerts.map((a) => a.trigger)).toEqual(fires ? ['race'] : []);
    },
  );

  it('when the hard session ended more than 72 h ago, then it no longer fires', () => {
    const context = buildContext({ recentActivities: [buildActivity({ loadAu: 400, sinceEndH: 72.5 })] });
    expect(evaluateRules(context)).toEqual([]);
  });

  it('when two hard sessions share a day, then one alert keyed on that day carries the larger load', () => {
    const context = buildContext({
      recentActivities: [
        buildActivity({ activityId: 'a', loadAu: 320 }),
        buildActivity({ activityId: 'b', loadAu: 410 }),
      ],
    });
    const [alert, ...rest] = evaluateRules(context);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      activityId: 'b',
      value: 410,
      keyString: 'ath-1|hard-session|-|2026-05-10',
    });
  });
});

describe('evaluateRules keys and determinism', () => {
  const context = buildContext({
    training: { calibrating: false, tsb: -40, acuteChronicRatio: 1.7, monotony: 2.5 },
    areas: [
      buildStrain({ area: 'calves', projectedSorenessAu: 90 }),
      buildStrain({ area: 'quads', projectedSorenessAu: 120 }),
    ],
    recentActivities: [buildActivity({ loadAu: 350 })],
  });

  it('when evaluated, then each alert has a natural key and the numbers behind it', () => {
    const quads = evaluateRules(context).find((a) => a.key.bodyArea === 'quads');
    expect(quads).toEqual({
      key: { athleteId: 'ath-1', ruleId: 'area-strain', bodyArea: 'quads', localDate: TODAY },
      keyString: `ath-1|area-strain|quads|${TODAY}`,
      ruleId: 'area-strain',
      value: 2.4,
      threshold: 1.5,
      unit: 'ratio',
      trigger: 'threshold',
      activityId: 'act-1',
      numbers: { projectedSorenessAu: 120, baselineAu: 50 },
    });
  });

  it('when evaluated twice or with shuffled input, then the result is identical and sorted', () => {
    const shuffled = { ...context, areas: [...context.areas].reverse() };
    const first = evaluateRules(context);
    expect(evaluateRules(shuffled)).toEqual(first);
    const keys = first.map((a) => a.keyString);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('when data changes, then diffing the key sets names exactly the alerts to cancel', () => {
    const before = evaluateRules(context).map((a) => a.keyString);
    const changed = { ...context, areas: [buildStrain({ area: 'quads', projectedSorenessAu: 60 })] };
    const after = new Set(evaluateRules(changed).map((a) => a.keyString));
    expect(before.filter((key) => !after.has(key))).toEqual([
      `ath-1|area-strain|calves|${TODAY}`,
      `ath-1|area-strain|quads|${TODAY}`,
    ]);
  });

  it('when an area has no baseline, then its ratio is undefined and it never fires', () => {
    const noBaseline = buildContext({ areas: [buildStrain({ projectedSorenessAu: 500, baselineAu: 0 })] });
    expect(evaluateRules(noBaseline)).toEqual([]);
  });
});
