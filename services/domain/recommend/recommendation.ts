/** Output shapes of `composeRecommendation`. All text is plain (not HTML); renderers escape it. */
import type { BodyAreaId } from './types';

export const MASSAGE_TYPES = ['swedish', 'sports', 'deep-tissue', 'trigger-point'] as const;
export type MassageType = (typeof MASSAGE_TYPES)[number];

export const MASSAGE_TYPE_LABELS: Readonly<Record<MassageType, string>> = {
  swedish: 'Swedish massage',
  sports: 'Sports massage',
  'deep-tissue': 'Deep tissue massage',
  'trigger-point': 'Trigger point therapy',
};

/** When to book, relative to the evaluation instant. */
export interface TimingWindow {
  /** Hours from now when the window opens (0 = now). */
  startsInH: number;
  /** Hours from now when the window closes. */
  endsInH: number;
  /** Plain words, e.g. "24–72 h after Sunday's 1,100 m descent". */
  label: string;
}

export interface MassageSuggestion {
  type: MassageType;
  typeLabel: string;
  pressure: 'light' | 'moderate' | 'firm';
  /** Areas to focus on, most loaded first; [] = whole body. */
  bodyAreas: BodyAreaId[];
  /** Labels of `bodyAreas` ("glutes/hips"), or ["whole body"]. */
  bodyAreaLabels: string[];
  window: TimingWindow;
  durationMin: { min: number; max: number };
  /** Acceptable substitutes, e.g. Swedish for sports massage. */
  alternatives: MassageType[];
}

export interface Recommendation {
  athleteId: string;
  localDate: string;
  /** 'paused' when injured/ill; 'none' when nothing applies. */
  status: 'suggest' | 'paused' | 'none';
  /** One line for subjects and headings. */
  headline: string;
  suggestion: MassageSuggestion | null;
  /** Types that fit the current situation (race proximity, maintenance week). */
  allowedTypes: MassageType[];
  avoidTypes: MassageType[];
  /** Why, in plain words with the numbers. */
  reasons: string[];
  /** Evidence-based notes, race and load advice, options. */
  advice: string[];
  /** Contraindications and red flags (always present). */
  cautions: string[];
  therapistNote: string;
  estimateNote: string;
  /** The day's form zone ("Form: Productive training (TSB -15) ..."), or "calibrating: n of 42 days". */
  formNote?: string | null;
  /** `keyString`s of the alerts behind this recommendation. */
  alertKeys: string[];
}
