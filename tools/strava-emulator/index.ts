/** Public entry of the Strava emulator (issue 3): server factory, generator and wire-format helpers. */
export { createStravaEmulator, type StravaEmulator, type StravaEmulatorOptions } from './emulator';
export { createClock, type EmulatorClock } from './clock';
export type { EmulatorControl, AddActivityInput, ActivityUpdate, CreateAthleteInput } from './control';
export type { WebhookEvent, DeliveryOptions, DeliveryStats } from './deliveries';
export { generateHistory } from './generator/history';
export { materializeActivity } from './generator/materialize';
export { createPrng } from './generator/prng';
export { parseJsonExact, stringifyJson } from './json';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits';
export type { ProfileName, WorkoutKind, EmulatedAthlete } from './types';
export type { WorldTruth, TruthActivity, TruthAthlete, JournalEntry } from './truth';
