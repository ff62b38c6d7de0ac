/**
 * Form zones: the day's form (TSB = fitness minus fatigue at the start of the day) in named bands.
 * Thresholds are Elevate's TrainingZone enum (appcore fitness-trend `training-zone.enum.ts`, TS §2.5):
 * TSB <= -30 overload, -30 < TSB <= -10 optimal, -10 < TSB <= 5 neutral, 5 < TSB <= 25 fresh,
 * TSB > 25 transition. Practitioner bands, not validated against outcomes: shown as a description.
 */

export const FORM_ZONE_IDS = ['overload', 'optimal', 'neutral', 'fresh', 'transition'] as const;
export type FormZoneId = (typeof FORM_ZONE_IDS)[number];

export interface FormZone {
  id: FormZoneId;
  label: string;
  /** Inclusive upper bound of the zone's TSB (null = open-ended). */
  maxTsb: number | null;
  explanation: string;
}

export const FORM_ZONES: readonly FormZone[] = [
  {
    id: 'overload',
    label: 'Overload',
    maxTsb: -30,
    explanation: 'Much more fatigue than fitness: many coaches would add recovery now.',
  },
  {
    id: 'optimal',
    label: 'Productive training',
    maxTsb: -10,
    explanation: 'Carrying the kind of fatigue that builds fitness.',
  },
  {
    id: 'neutral',
    label: 'Neutral',
    maxTsb: 5,
    explanation: 'Fatigue and fitness roughly balanced: maintaining.',
  },
  {
    id: 'fresh',
    label: 'Fresh',
    maxTsb: 25,
    explanation: 'Rested: a good state for a race or a key session.',
  },
  {
    id: 'transition',
    label: 'Transition',
    maxTsb: null,
    explanation: 'Very rested: fitness may be starting to fade if this lasts.',
  },
];

export const FORM_ZONE_SOURCE =
  'Bands from Elevate (open-source training app): practitioner guidance, not validated research.';

/** The zone of a form value; null for a non-finite TSB. */
export function formZoneOf(tsb: number): FormZone | null {
  if (!Number.isFinite(tsb)) return null;
  return FORM_ZONES.find((z) => z.maxTsb === null || tsb <= z.maxTsb) ?? null;
}
