import type { EmulatedAthlete, ProfileName, WorkoutKind } from '../strava-emulator';
import type { EmulatorHost } from './emulator-host';

/** What each profile plausibly uploads next (the emulator generates the streams for the kind). */
const NEXT_WORKOUTS: Record<ProfileName, WorkoutKind[]> = {
  marathoner: ['easy-run', 'tempo-run', 'interval-run', 'long-run'],
  'trail-runner': ['trail-run', 'trail-run', 'easy-run', 'hike'],
  cyclist: ['ride-power', 'ride-power', 'indoor-ride', 'race-ride'],
  triathlete: ['swim', 'ride-power', 'easy-run', 'indoor-ride'],
  comeback: ['easy-run', 'easy-run', 'weight-training'],
};

/** A short, realistic duration per kind, so a live activity ends "now" without hours of streams. */
const DURATION_S: Partial<Record<WorkoutKind, number>> = {
  'long-run': 5400,
  'race-ride': 7200,
  'ride-power': 5400,
  hike: 7200,
};

export interface LiveFeedEvent {
  stravaAthleteId: number;
  name: string;
  kind: WorkoutKind;
  activityId: string;
}

export interface LiveFeed {
  stop(): void;
}

/**
 * Every `intervalS` seconds a random emulated athlete "finishes" an activity: the emulator stores it and
 * delivers Strava's `create` webhook to the subscription callback, so it reaches Kneadwise through the
 * real path (webhook -> inbox -> sync-activity -> recompute -> maybe an alert email). `pick` is injectable
 * for tests; `onEvent` reports each addition; a failure is reported and the feed keeps going.
 */
export function startLiveFeed(opts: {
  emulator: Pick<EmulatorHost, 'addActivity'>;
  athletes: readonly EmulatedAthlete[];
  intervalS: number;
  onEvent: (e: LiveFeedEvent) => void;
  onError: (err: Error) => void;
  pick?: (n: number) => number;
}): LiveFeed {
  const pick = opts.pick ?? ((n: number) => Math.floor(Math.random() * n));
  const tick = async () => {
    const a = opts.athletes[pick(opts.athletes.length)];
    if (!a) return;
    const kinds = NEXT_WORKOUTS[a.profile];
    const kind = kinds[pick(kinds.length)] ?? 'easy-run';
    const activityId = await opts.emulator.addActivity(a.id, { kind, durationS: DURATION_S[kind] });
    opts.onEvent({ stravaAthleteId: a.id, name: `${a.firstname} ${a.lastname}`, kind, activityId });
  };
  if (opts.intervalS <= 0) return { stop: () => undefined };
  const timer = setInterval(() => void tick().catch(opts.onError), opts.intervalS * 1000);
  return { stop: () => clearInterval(timer) };
}
