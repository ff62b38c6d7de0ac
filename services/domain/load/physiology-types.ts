/** Athlete physiology as entered, as observed, and as resolved for the load engine. */

export type PhysiologySource = 'entered' | 'estimated' | 'default';

/**
 * Where exactly a value came from; decides its label ("entered by you", "from age (formula)", ...).
 * `source` stays the coarse class that confidence depends on.
 */
export type PhysiologyOrigin =
  | 'enteredByAthlete'
  | 'enteredByCoach'
  | 'fromStrava'
  | 'hrData'
  | 'powerData'
  | 'paceData'
  | 'wearable'
  | 'ageFormula'
  | 'hrFormula'
  | 'lthrFormula'
  | 'default';

/** Who typed an entered value in; Strava-imported values (sex, HR zones) say 'strava'. */
export type EnteredBy = 'athlete' | 'coach' | 'strava';

/** How a heart-rate session is turned into a load (athlete or coach choice; Banister is the default). */
export const HR_LOAD_MODELS = ['banister', 'edwards', 'zonal'] as const;
export type HrLoadModel = (typeof HR_LOAD_MODELS)[number];
export type Sex = 'male' | 'female' | 'unknown';

/** A heart-rate zone in bpm; `maxBpm` null = open-ended top zone (Strava sends -1). */
export interface HrZone {
  minBpm: number;
  maxBpm: number | null;
}

/** What the athlete entered (or imported from Strava, such as their HR zones). Anything may be missing. */
export interface EnteredPhysiology {
  hrMaxBpm?: number | null;
  hrRestBpm?: number | null;
  lthrBpm?: number | null;
  ftpW?: number | null;
  /** Functional threshold pace, seconds per kilometre. */
  thresholdPaceSPerKm?: number | null;
  /** Threshold swim pace (critical swim speed), seconds per 100 m. */
  thresholdSwimPaceSPer100m?: number | null;
  sex?: 'male' | 'female' | null;
  birthYear?: number | null;
  hrZones?: HrZone[] | null;
  /** Which HR load model to use; absent = Banister TRIMP (HRSS). */
  hrLoadModel?: HrLoadModel | null;
  /** Who entered each value; a value without an entry counts as entered by the athlete. */
  enteredBy?: Partial<Record<PhysiologyKey, EnteredBy>> | null;
}

/** Values observed in the athlete's own data, computed by workers and passed in as plain numbers. */
export interface PhysiologyObservations {
  /** Highest artefact-filtered HR over the last 12 months (see maxHrOverLast12Months). */
  maxHrLast12MonthsBpm?: number | null;
  /** How many activities with a heart-rate stream that maximum was taken over. */
  hrActivitiesLast12Months?: number | null;
  /** Resting HR from a wearable, when one is connected. */
  restingHrBpm?: number | null;
  /** Average HR of the last 20 min of a 30-min solo time trial (Friel). */
  lthrFromTestBpm?: number | null;
  /** Best 20-minute mean power over the last 6-12 weeks. */
  best20MinPowerW?: number | null;
  /** Best pace held for ~45-60 min, seconds per kilometre. */
  bestThresholdPaceSPerKm?: number | null;
  /** Best average pace of a continuous swim of 20-60 min, seconds per 100 m (a T-30-like effort). */
  bestSwimPaceSPer100m?: number | null;
}

export type PhysiologyKey =
  | 'hrMaxBpm'
  | 'hrRestBpm'
  | 'lthrBpm'
  | 'ftpW'
  | 'thresholdPaceSPerKm'
  | 'thresholdSwimPaceSPer100m'
  | 'sex'
  | 'birthYear'
  | 'hrZones'
  | 'hrLoadModel';

export interface ResolvedValue<T> {
  value: T;
  source: PhysiologySource;
  origin: PhysiologyOrigin;
  /** Plain words for the origin: "entered by you", "from your heart-rate data", "from age (formula)"... */
  label: string;
  /** How the value was obtained, e.g. "Tanaka: 208 - 0.7 x age 40". */
  basis: string;
}

export interface ResolvedPhysiology {
  hrMaxBpm: ResolvedValue<number>;
  hrRestBpm: ResolvedValue<number>;
  lthrBpm: ResolvedValue<number>;
  /** Null when neither entered nor estimable: power TSS is then skipped (no meaningful default). */
  ftpW: ResolvedValue<number> | null;
  /** Null when neither entered nor estimable: running stress is then skipped. */
  thresholdPaceSPerKm: ResolvedValue<number> | null;
  /** Null when neither entered nor estimable: swim stress is then skipped. */
  thresholdSwimPaceSPer100m: ResolvedValue<number> | null;
  hrLoadModel: ResolvedValue<HrLoadModel>;
  sex: ResolvedValue<Sex>;
  birthYear: ResolvedValue<number> | null;
  hrZones: ResolvedValue<HrZone[]>;
  /** Entered values that were ignored as implausible, in plain words. */
  notes: string[];
}
