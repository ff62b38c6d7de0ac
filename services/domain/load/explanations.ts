/**
 * Plain-words explanations for the UI and emails. These constants are the single source of product
 * wording about load: docs/training-load-model.md repeats them, it does not replace them.
 */
import type { PhysiologyOrigin } from './physiology-types';
import type { Confidence, FallbackCode, LoadMethod, RecoveryBand } from './types';

/** What each value's label says about where it came from; never "from your data" for a formula. */
export const PHYSIOLOGY_ORIGIN_LABELS: Readonly<Record<PhysiologyOrigin, string>> = {
  enteredByAthlete: 'entered by you',
  enteredByCoach: 'entered by your coach',
  fromStrava: 'from your Strava profile',
  hrData: 'from your heart-rate data',
  powerData: 'from your power data',
  paceData: 'from your pace data',
  wearable: 'from your wearable',
  ageFormula: 'from age (formula)',
  hrFormula: 'from your maximum and resting heart rate (formula)',
  lthrFormula: 'from your threshold heart rate (formula)',
  default: 'typical value (default, not yours)',
};

export const METHOD_EXPLANATIONS: Readonly<Record<LoadMethod, { label: string; explanation: string }>> = {
  powerTss: {
    label: 'Power',
    explanation: 'From your power meter and your FTP: an hour flat out at your FTP scores 100.',
  },
  runningStress: {
    label: 'Pace and hills',
    explanation:
      'From your speed, adjusted for hills, compared with your threshold pace: an hour at threshold pace on the flat scores 100.',
  },
  swimStress: {
    label: 'Swim pace',
    explanation:
      'From your swim distance and time compared with your threshold swim pace: an hour at threshold swim pace scores 100.',
  },
  hrssStream: {
    label: 'Heart rate',
    explanation:
      'From your heart rate, second by second, compared with your threshold heart rate: an hour at threshold scores 100.',
  },
  hrssAverage: {
    label: 'Average heart rate',
    explanation:
      'From your average heart rate only, so it tends to read low for stop-and-go or interval sessions.',
  },
  edwardsStream: {
    label: 'Heart-rate zones (Edwards)',
    explanation:
      'Minutes in each zone of your maximum heart rate, weighted 1 to 5 (Edwards), scaled so an hour at threshold heart rate scores 100.',
  },
  edwardsAverage: {
    label: 'Average heart rate, zones (Edwards)',
    explanation:
      'All the time counted in the Edwards zone of your average heart rate, scaled so an hour at threshold heart rate scores 100.',
  },
  zonalStream: {
    label: 'Heart-rate zones (weighted)',
    explanation:
      'Minutes in each of your threshold-based heart-rate zones, weighted 0.9 to 5, scaled so an hour at threshold heart rate scores 100.',
  },
  zonalAverage: {
    label: 'Average heart rate, zones (weighted)',
    explanation:
      'All the time counted in the weighted zone of your average heart rate, scaled so an hour at threshold heart rate scores 100.',
  },
  sessionRpe: {
    label: 'How hard it felt',
    explanation: 'From the effort you rated (1-10) and the duration: an hour at 7 out of 10 scores 100.',
  },
  duration: {
    label: 'Duration only',
    explanation:
      'Only the duration was known, so we assumed a typical effort for this sport. Treat it as a rough guess.',
  },
};

export const CONFIDENCE_EXPLANATIONS: Readonly<Record<Confidence, string>> = {
  high: 'Measured from your sensors and your own thresholds.',
  medium: 'Partly measured: summary values, your rating, or thresholds we had to assume.',
  low: 'A rough estimate: little or no sensor data, or default thresholds.',
};

export const METRIC_EXPLANATIONS = {
  load: 'How much training stress a session put on you. An hour as hard as you can sustain for an hour scores about 100.',
  trimp: 'Training impulse: minutes weighted by how close your heart rate was to its maximum.',
  hrss: 'Heart-rate stress score: your heart-rate training impulse scaled so an hour at threshold heart rate = 100.',
  timeInHrZones: 'Minutes spent in each of your heart-rate zones.',
  normalizedPower: 'The steady power that would have cost you the same as this ride’s ups and downs.',
  intensityFactor: 'How hard the ride was compared with your FTP (1.0 = at FTP).',
  gradeAdjustedSpeed:
    'Your speed as if the route had been flat, using the energy cost of running up and down hills.',
  ctl: 'Fitness: your average daily load over roughly the last six weeks.',
  atl: 'Fatigue: your average daily load over roughly the last week.',
  tsb: 'Form: fitness minus fatigue as you start the day. Negative means you are carrying fatigue.',
  formZone: 'Your form in named bands: overload, productive training, neutral, fresh, transition.',
  rampRate: 'How much your fitness number changed over the last 7 days.',
  loadSpikeRatio:
    'Your recent week compared with your usual load (1.0 = as usual). A descriptive indicator of a load spike, not an injury prediction.',
  monotony:
    'How similar your days were over the last week. Above 2 means little variation between hard and easy days.',
  strain: 'Weekly load multiplied by monotony: high when you train a lot with little variation.',
  calibrating: 'We have less than six weeks of your history, so fitness and form are still settling.',
  recoveryWindow: 'How long a session like this usually takes to recover from.',
  restDaysToFreshness: 'Days of complete rest until your form is back to zero or above.',
  todayLoadRange: 'The load for today that keeps tomorrow’s form in your target band.',
} as const;
export type MetricName = keyof typeof METRIC_EXPLANATIONS;

export const RECOVERY_BAND_EXPLANATIONS: Readonly<Record<RecoveryBand, string>> = {
  low: 'Light: usually recovered by the next day.',
  medium: 'Moderate: some fatigue the next day, usually gone by day two.',
  high: 'Hard: some fatigue may remain even after two days.',
  veryHigh: 'Very hard: fatigue can last several days.',
};

export const FALLBACK_EXPLANATIONS: Readonly<Record<FallbackCode, string>> = {
  notARide: 'Power scoring is only used for rides.',
  noDeviceWatts: 'The power was estimated by Strava, not measured by a power meter.',
  noFtp: 'We do not know your FTP yet.',
  noPower: 'The activity has no power data.',
  powerMostlyInvalid: 'Most of the power data was missing or implausible.',
  tooShortForNp: 'The ride was too short to compute normalized power.',
  notAFootSport: 'Pace scoring is only used for runs, hikes and walks.',
  noSpeedOrGrade: 'The activity has no speed or gradient data.',
  speedMostlyInvalid: 'Most of the speed data was missing or implausible.',
  noThresholdPace: 'We do not know your threshold pace yet.',
  notASwim: 'Swim-pace scoring is only used for swims.',
  noSwimDistance: 'The swim has no distance or time.',
  noThresholdSwimPace: 'We do not know your threshold swim pace yet.',
  noHrStream: 'The activity has no second-by-second heart rate.',
  hrMostlyInvalid: 'Most of the heart-rate data was missing or implausible.',
  noAverageHr: 'The activity has no average heart rate.',
  implausibleHr:
    'Your heart-rate settings are inconsistent (threshold must lie between resting and maximum).',
  implausibleTrimp: 'The heart-rate result was implausibly high and was discarded.',
  noRpe: 'No effort rating was entered.',
  rpeOutOfRange: 'The effort rating was outside 1-10.',
  zeroDuration: 'The activity has no duration.',
  internalError: 'The data could not be processed.',
};
