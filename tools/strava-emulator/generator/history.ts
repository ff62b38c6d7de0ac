import { makeAthlete, type AthleteOverrides } from './athletes';
import { createPrng, type Prng } from './prng';
import { utcOffsetS } from './timezones';
import { WORKOUTS } from './workouts';
import type { ActivityPlan, EmulatedAthlete, ProfileName, WorkoutKind } from '../types';

type Day = WorkoutKind[];
/** Monday..Sunday. */
const WEEKS: Record<Exclude<ProfileName, 'comeback'>, Day[]> = {
  marathoner: [
    ['weight-training'],
    ['interval-run'],
    ['easy-run'],
    ['tempo-run'],
    ['easy-run'],
    ['easy-run'],
    ['long-run'],
  ],
  'trail-runner': [[], ['easy-run'], ['trail-run'], ['tempo-run'], [], ['trail-run'], ['hike']],
  cyclist: [
    [],
    ['indoor-ride'],
    ['ride-power'],
    ['indoor-ride'],
    ['ride-no-power'],
    ['ride-power'],
    ['ride-power'],
  ],
  triathlete: [
    ['swim'],
    ['interval-run', 'indoor-ride'],
    ['swim', 'easy-run'],
    ['ride-power'],
    ['swim', 'weight-training'],
    ['ride-power', 'easy-run'],
    ['long-run'],
  ],
};
const COMEBACK_RETURN: Day[] = [[], ['easy-run'], ['weight-training'], ['easy-run'], [], ['easy-run'], []];
const DAY_MS = 86_400_000;

export interface HistoryOptions {
  /** Number of days of history ending at `endDate` (inclusive). Default 180. */
  days?: number;
  /** Last day of the history, ISO date or epoch ms. Default: today (real clock). */
  endDate?: string | number;
  seed?: string | number;
  athlete?: AthleteOverrides;
}

export interface History {
  athlete: EmulatedAthlete;
  plans: ActivityPlan[];
}

/** Default Strava names: "Morning Run", "Lunch Ride", "Evening Swim"… by local start hour. */
export function defaultName(kind: WorkoutKind, localHour: number): string {
  const spec = WORKOUTS[kind];
  const part =
    localHour < 11
      ? 'Morning'
      : localHour < 14
        ? 'Lunch'
        : localHour < 18
          ? 'Afternoon'
          : localHour < 21
            ? 'Evening'
            : 'Night';
  if (kind === 'race-run') return 'Parkside Race';
  if (kind === 'race-ride') return 'Gran Fondo';
  if (kind === 'interval-run') return '5 x 4 min @ threshold';
  if (spec.sportType === 'WeightTraining') return `${part} Weight Training`;
  return `${part} ${spec.sportType === 'TrailRun' ? 'Trail Run' : spec.sportType}`;
}

/** Workouts for one day of a profile, or [] for rest; `phase` is 0..1 through the history. */
function dayPlan(profile: ProfileName, weekday: number, weekIndex: number, phase: number): Day {
  if (profile === 'comeback') {
    if (phase < 0.4) return WEEKS.marathoner[weekday] ?? [];
    return phase < 0.75 ? [] : (COMEBACK_RETURN[weekday] ?? []);
  }
  const day = WEEKS[profile][weekday] ?? [];
  if (weekIndex % 5 === 4 && weekday === 5 && (profile === 'marathoner' || profile === 'trail-runner'))
    return ['race-run'];
  if (weekIndex % 6 === 5 && weekday === 6 && profile === 'cyclist') return ['race-ride'];
  return day;
}

/** Scales durations: comeback sessions are short and grow over the return weeks. */
function durationScale(profile: ProfileName, phase: number): number {
  if (profile !== 'comeback' || phase < 0.75) return 1;
  return 0.45 + (phase - 0.75) * 1.6;
}

/** Creates one activity plan; `startMs` is derived from a local date and hour in the athlete's zone. */
export function planActivity(
  a: EmulatedAthlete,
  kind: WorkoutKind,
  localMidnightUtcMs: number,
  localHour: number,
  prng: Prng,
  id: bigint,
  scale = 1,
): ActivityPlan {
  const [minS, maxS] = WORKOUTS[kind].durationRangeS;
  const wallMs = localMidnightUtcMs + Math.round(localHour * 3600) * 1000;
  const startMs = wallMs - utcOffsetS(a.timezoneIana, wallMs) * 1000;
  const isRunner = WORKOUTS[kind].locomotion === 'run';
  return {
    id,
    athleteId: a.id,
    kind,
    startMs,
    targetDurationS: Math.round(prng.range(minS, maxS) * scale),
    seed: `${a.id}/${id}`,
    hasHeartrate: kind !== 'manual-run' && !(isRunner && prng.chance(0.06)),
    private: prng.chance(0.05),
    name: defaultName(kind, localHour),
  };
}

/** First activity id of an athlete: ~1.5e10 like today's Strava ids, or > 2^53 for `largeIds` athletes. */
export function firstActivityId(a: EmulatedAthlete, prng: Prng): bigint {
  const base = a.largeIds ? 12_345_678_900_000_000n : 14_000_000_000n;
  return base + BigInt(prng.int(0, 999_999_999));
}

/**
 * Generates `days` of training history for a profile, deterministic for (profile, endDate, seed). Returns
 * only plans (activities starting after endDate are dropped); streams and summaries are produced lazily
 * by materializeActivity.
 */
export function generateHistory(profile: ProfileName, options: HistoryOptions = {}): History {
  const days = options.days ?? 180;
  const endMs =
    typeof options.endDate === 'string' ? Date.parse(options.endDate) : (options.endDate ?? Date.now());
  const prng = createPrng(`history/${profile}/${String(options.seed ?? 1)}`);
  const firstDayMs = Math.floor(endMs / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const athlete = makeAthlete(
    profile,
    prng.fork('athlete'),
    Math.floor((firstDayMs - 400 * DAY_MS) / 1000),
    options.athlete,
  );
  let id = firstActivityId(athlete, prng.fork('ids'));
  const plans: ActivityPlan[] = [];
  for (let d = 0; d < days; d++) {
    const dayMs = firstDayMs + d * DAY_MS;
    const weekday = (new Date(dayMs).getUTCDay() + 6) % 7;
    const phase = d / days;
    const kinds = dayPlan(profile, weekday, Math.floor(d / 7), phase);
    kinds.forEach((k, session) => {
      if (prng.chance(0.08)) return;
      const kind: WorkoutKind = k === 'easy-run' && prng.chance(0.04) ? 'manual-run' : k;
      const hour =
        session === 0
          ? weekday >= 5
            ? prng.range(6.5, 8.5)
            : prng.range(5.75, 7.25)
          : prng.range(17.25, 18.75);
      id += BigInt(prng.int(5_000_000, 40_000_000));
      plans.push(planActivity(athlete, kind, dayMs, hour, prng, id, durationScale(profile, phase)));
    });
  }
  return { athlete, plans: plans.filter((p) => p.startMs <= endMs) };
}
