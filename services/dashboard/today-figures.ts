/**
 * Today's figures for the athlete page and API: each number only once its series has the history it needs
 * (else "calibrating: n of N days"), the form zone, the load range with "what's left" as prescriptions.
 * Numbers are rounded here, for display only; the engines keep full precision.
 */
import {
  FORM_ZONE_SOURCE,
  calibrationOf,
  formZoneOf,
  prescribeLoad,
  restDaysToFreshness,
  todayLoadRange,
  type CalibratedFigure,
  type Calibration,
  type DailyPoint,
  type ResolvedPhysiology,
} from '../domain/load';

export interface TodayFigures {
  /**
   * One convention for the row: fitness, fatigue and form as the athlete starts today (yesterday's
   * closing values, form = fitness - fatigue, the convention of TSB and of the load range); today's load
   * is what was done so far and is not in them yet.
   */
  convention: 'start-of-day';
  conventionLabel: string;
  load: number;
  /** Null while calibrating (see `calibration`). */
  fitness: number | null;
  fatigue: number | null;
  form: number | null;
  formZone: { id: string; label: string; explanation: string; source: string } | null;
  loadSpikeRatio: number | null;
  monotony: number | null;
  calibrating: boolean;
  /** Per figure: null when shown, else how far its history is ("calibrating: 3 of 42 days"). */
  calibration: Partial<Record<CalibratedFigure, Calibration>>;
  restDaysToFreshness: number | null;
  loadRange: {
    minLoad: number;
    maxLoad: number;
    restAdvised: boolean;
    remainingMax: number;
    /** How far today's load already is above maxLoad; 0 when within or below the range. */
    overBy: number;
    /** "about 40 min at 135 bpm", by heart rate and, when known, pace and power. */
    prescriptions: { kind: string; minutes: number; text: string }[];
  } | null;
}

const START_OF_DAY_LABEL =
  "Fitness, fatigue and form as you start today (form = fitness - fatigue); today's load so far is not in them yet.";

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

function loadRangeOf(today: DailyPoint, yesterday: DailyPoint | null, p: ResolvedPhysiology) {
  const range = yesterday ? todayLoadRange({ ctl: yesterday.ctl, atl: yesterday.atl }) : null;
  if (!range) return null;
  const remaining = Math.max(0, range.maxLoad - today.load);
  return {
    minLoad: Math.round(range.minLoad),
    maxLoad: Math.round(range.maxLoad),
    restAdvised: range.restAdvised,
    remainingMax: Math.round(remaining),
    overBy: Math.round(Math.max(0, today.load - range.maxLoad)),
    prescriptions: prescribeLoad(remaining, p).map((o) => ({
      kind: o.kind,
      minutes: Math.round(o.minutes),
      text: o.text,
    })),
  };
}

export function todayFigures(
  today: DailyPoint,
  yesterday: DailyPoint | null,
  physiology: ResolvedPhysiology,
): TodayFigures {
  const calibration: Partial<Record<CalibratedFigure, Calibration>> = {};
  const shown = (figure: CalibratedFigure): boolean => {
    const c = calibrationOf(figure, today.historyDay);
    if (c) calibration[figure] = c;
    return c === null;
  };
  const zone = shown('formZone') ? formZoneOf(today.tsb) : null;
  // Start of today = yesterday's close; the first day of history has no yesterday and starts from zero.
  const start = yesterday ?? { ctl: 0, atl: 0 };
  return {
    convention: 'start-of-day',
    conventionLabel: START_OF_DAY_LABEL,
    load: r1(today.load),
    fitness: shown('fitness') ? r1(start.ctl) : null,
    fatigue: shown('fatigue') ? r1(start.atl) : null,
    form: shown('form') ? r1(today.tsb) : null,
    formZone: zone && {
      id: zone.id,
      label: zone.label,
      explanation: zone.explanation,
      source: FORM_ZONE_SOURCE,
    },
    loadSpikeRatio:
      shown('loadSpikeRatio') && today.loadSpikeRatio !== null ? r2(today.loadSpikeRatio) : null,
    monotony: shown('monotony') ? r2(today.monotony) : null,
    calibrating: today.calibrating,
    calibration,
    restDaysToFreshness: shown('restDaysToFreshness')
      ? restDaysToFreshness({ ctl: today.ctl, atl: today.atl })
      : null,
    loadRange: shown('loadRange') ? loadRangeOf(today, yesterday, physiology) : null,
  };
}
