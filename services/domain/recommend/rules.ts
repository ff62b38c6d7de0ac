/**
 * The alert rules, as data, in one place. `evaluate-rules.ts` reads only this table; per-athlete overrides go
 * through `alertSettingsSchema` (zod), which bounds every threshold to a sane range.
 *
 * Choices (see docs: training-science.md 2.5, 3, 4.3):
 * - 'hard-session' uses 300 AU, the start of Allen & Coggan's "high" band (residual fatigue even after 2 days).
 *   The "medium" band (150-300) is gone by day 2 and would make most long runs alert. A race fires regardless
 *   of load (Strava workout_type 1 for runs, 11 for rides).
 * - 'area-strain' compares the projected soreness at now + 24 h with the area's usual load (ratio >= 1.5).
 * - 'form-low' and 'load-spike' depend on 42 days of fitness history: silent while calibrating. The load spike is
 *   a descriptive indicator, never an injury-risk figure.
 * - 'monotony' uses Foster's "too high" line, strictly above 2.0.
 */
import { z } from 'zod';
import type { RuleId, RuleUnit } from './types';

export type Comparator = 'gte' | 'lte' | 'gt';

export interface AlertRule {
  id: RuleId;
  defaultThreshold: number;
  unit: RuleUnit;
  /** How the measured value is compared with the threshold. */
  comparator: Comparator;
  /** 'area' rules produce one alert per body area; 'activity-day' one per activity day; else one per day. */
  scope: 'area' | 'activity-day' | 'athlete';
  /** False for rules that need 42 days of history (Conventions: "Seeding"). */
  mayFireWhileCalibrating: boolean;
  /** Allowed range for per-athlete overrides. */
  overrideRange: { min: number; max: number };
  description: string;
}

export const ALERT_RULES: readonly AlertRule[] = [
  {
    id: 'area-strain',
    defaultThreshold: 1.5,
    unit: 'ratio',
    comparator: 'gte',
    scope: 'area',
    mayFireWhileCalibrating: true,
    overrideRange: { min: 1.1, max: 5 },
    description:
      "Projected soreness of a body area at now + 24 h is at least this many times the area's usual load.",
  },
  {
    id: 'hard-session',
    defaultThreshold: 300,
    unit: 'AU',
    comparator: 'gte',
    scope: 'activity-day',
    mayFireWhileCalibrating: true,
    overrideRange: { min: 100, max: 1000 },
    description:
      'An activity that ended in the last 72 h had at least this load (Allen & Coggan "high" band), or was a race.',
  },
  {
    id: 'form-low',
    defaultThreshold: -30,
    unit: 'TSB',
    comparator: 'lte',
    scope: 'athlete',
    mayFireWhileCalibrating: false,
    overrideRange: { min: -100, max: -10 },
    description: 'Form (TSB) is at or below this value: fatigue well above fitness.',
  },
  {
    id: 'load-spike',
    defaultThreshold: 1.5,
    unit: 'ratio',
    comparator: 'gte',
    scope: 'athlete',
    mayFireWhileCalibrating: false,
    overrideRange: { min: 1.1, max: 5 },
    description:
      'Acute:chronic load ratio (EWMA 7 d / 28 d) is at least this: a large, rapid increase in load.',
  },
  {
    id: 'monotony',
    defaultThreshold: 2,
    unit: 'ratio',
    comparator: 'gt',
    scope: 'athlete',
    mayFireWhileCalibrating: true,
    overrideRange: { min: 1.2, max: 10 },
    description: 'Foster monotony of the last 7 days is above this: training days are very alike.',
  },
];

export const RULE_IDS = ALERT_RULES.map((rule) => rule.id);

/** Hours after an activity during which it can trigger 'hard-session' (the DOMS window). */
export const HARD_SESSION_WINDOW_H = 72;

function thresholdField(id: RuleId) {
  const { min, max } = ruleById(id).overrideRange;
  return z.number().finite().min(min).max(max).optional();
}

/** Per-athlete settings: every field optional; unknown keys are rejected. */
export const alertSettingsSchema = z
  .object({
    thresholds: z
      .object({
        'area-strain': thresholdField('area-strain'),
        'hard-session': thresholdField('hard-session'),
        'form-low': thresholdField('form-low'),
        'load-spike': thresholdField('load-spike'),
        monotony: thresholdField('monotony'),
      })
      .strict()
      .optional(),
    disabledRules: z
      .array(z.enum(['area-strain', 'hard-session', 'form-low', 'load-spike', 'monotony']))
      .optional(),
  })
  .strict();

export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/** Validate untrusted settings (e.g. a JSON column); throws a ZodError listing every bad field. */
export function parseAlertSettings(input: unknown): AlertSettings {
  return alertSettingsSchema.parse(input ?? {});
}

export function ruleById(id: RuleId): AlertRule {
  const rule = ALERT_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}

/** The threshold in force for one rule: the athlete's override, else the default. */
export function thresholdFor(id: RuleId, settings: AlertSettings): number {
  return settings.thresholds?.[id] ?? ruleById(id).defaultThreshold;
}

/** True when `value` satisfies the rule's comparator against `threshold`. */
export function meetsThreshold(comparator: Comparator, value: number, threshold: number): boolean {
  switch (comparator) {
    case 'gte':
      return value >= threshold;
    case 'lte':
      return value <= threshold;
    case 'gt':
      return value > threshold;
  }
}

/** Strava race flag: workout_type 1 on runs, 11 on rides. */
export function isRace(sportType: string, workoutType: number | null | undefined): boolean {
  if (workoutType === 1) return /Run$/.test(sportType);
  if (workoutType === 11) return /Ride$/.test(sportType);
  return false;
}
