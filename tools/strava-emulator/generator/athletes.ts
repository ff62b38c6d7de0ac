import type { Prng } from './prng';
import type { EmulatedAthlete, ProfileName } from '../types';

interface ProfileBasics {
  sex: 'M' | 'F';
  city: string;
  state: string;
  country: string;
  timezoneIana: string;
  homeLatlng: [number, number];
  weightKg: number;
  ftpW: number | null;
  maxHrBpm: number;
  restHrBpm: number;
  thresholdSpeedMps: number;
  largeIds: boolean;
}

const PROFILES: Record<ProfileName, ProfileBasics> = {
  marathoner: {
    sex: 'F',
    city: 'Sydney',
    state: 'NSW',
    country: 'Australia',
    timezoneIana: 'Australia/Sydney',
    homeLatlng: [-33.8688, 151.2093],
    weightKg: 56,
    ftpW: null,
    maxHrBpm: 189,
    restHrBpm: 44,
    thresholdSpeedMps: 4.45,
    largeIds: false,
  },
  'trail-runner': {
    sex: 'M',
    city: 'Boulder',
    state: 'CO',
    country: 'United States',
    timezoneIana: 'America/Denver',
    homeLatlng: [40.015, -105.2705],
    weightKg: 68,
    ftpW: null,
    maxHrBpm: 186,
    restHrBpm: 48,
    thresholdSpeedMps: 4.1,
    largeIds: false,
  },
  cyclist: {
    sex: 'M',
    city: 'Girona',
    state: 'Catalonia',
    country: 'Spain',
    timezoneIana: 'Europe/Madrid',
    homeLatlng: [41.9794, 2.8214],
    weightKg: 72,
    ftpW: 290,
    maxHrBpm: 184,
    restHrBpm: 45,
    thresholdSpeedMps: 3.6,
    largeIds: false,
  },
  triathlete: {
    sex: 'F',
    city: 'Brisbane',
    state: 'QLD',
    country: 'Australia',
    timezoneIana: 'Australia/Brisbane',
    homeLatlng: [-27.4698, 153.0251],
    weightKg: 61,
    ftpW: 235,
    maxHrBpm: 183,
    restHrBpm: 47,
    thresholdSpeedMps: 4.0,
    largeIds: true,
  },
  comeback: {
    sex: 'M',
    city: 'London',
    state: 'England',
    country: 'United Kingdom',
    timezoneIana: 'Europe/London',
    homeLatlng: [51.5072, -0.1276],
    weightKg: 79,
    ftpW: null,
    maxHrBpm: 181,
    restHrBpm: 56,
    thresholdSpeedMps: 3.7,
    largeIds: false,
  },
};

const FIRST: Record<'M' | 'F', string[]> = {
  M: ['Liam', 'Noah', 'Mateo', 'Kenji', 'Arjun', 'Tom', 'Lucas', 'Samir', 'Felix', 'Oscar'],
  F: ['Olivia', 'Mia', 'Sofia', 'Aiko', 'Priya', 'Emma', 'Chloe', 'Lena', 'Zara', 'Isla'],
};
const LAST = [
  'Nguyen',
  'Smith',
  'Garcia',
  'Tanaka',
  'Patel',
  'Müller',
  "O'Brien",
  'Rossi',
  'Kowalski',
  'Silva',
];

/** Overrides accepted when creating an athlete. */
export type AthleteOverrides = Partial<Omit<EmulatedAthlete, 'profile'>>;

/**
 * Makes a realistic athlete for a profile. LTHR sits at ~91 % of max HR; values vary slightly by seed so
 * two athletes of one profile differ. Ids are safe integers (Strava athlete ids are < 2^53).
 */
export function makeAthlete(
  profile: ProfileName,
  prng: Prng,
  createdAtS: number,
  over: AthleteOverrides = {},
): EmulatedAthlete {
  const p = PROFILES[profile];
  const firstname = prng.pick(FIRST[p.sex]);
  const lastname = prng.pick(LAST);
  const maxHrBpm = p.maxHrBpm + prng.int(-3, 3);
  return {
    id: prng.int(1_000_000, 150_000_000),
    username: `${firstname}_${lastname}`.toLowerCase().replace(/[^a-z_]/g, '') + String(prng.int(1, 99)),
    firstname,
    lastname,
    sex: p.sex,
    city: p.city,
    state: p.state,
    country: p.country,
    timezoneIana: p.timezoneIana,
    homeLatlng: p.homeLatlng,
    weightKg: Math.round((p.weightKg + prng.normal(0, 1.5)) * 10) / 10,
    ftpW: p.ftpW === null ? null : p.ftpW + prng.int(-10, 10),
    maxHrBpm,
    restHrBpm: p.restHrBpm + prng.int(-2, 2),
    lthrBpm: Math.round(maxHrBpm * 0.91),
    thresholdSpeedMps: Math.round(p.thresholdSpeedMps * prng.range(0.97, 1.03) * 100) / 100,
    profile,
    premium: prng.chance(0.5),
    createdAtS,
    largeIds: p.largeIds,
    ...over,
  };
}

/** Strava-style HR zones (5 zones, last max -1) from max HR. */
export function heartRateZones(a: EmulatedAthlete): Array<{ min: number; max: number }> {
  const cuts = [0, 0.6, 0.7, 0.8, 0.9].map((f) => Math.round(a.maxHrBpm * f));
  return cuts.map((min, i) => ({ min, max: i < cuts.length - 1 ? (cuts[i + 1] ?? -1) : -1 }));
}

/** Coggan's 7 power zones from FTP; empty when the athlete has no FTP. */
export function powerZones(a: EmulatedAthlete): Array<{ min: number; max: number }> {
  if (a.ftpW === null) return [];
  const ftp = a.ftpW;
  const cuts = [0, 0.55, 0.75, 0.9, 1.05, 1.2, 1.5].map((f) => Math.round(ftp * f));
  return cuts.map((min, i) => ({ min, max: i < cuts.length - 1 ? (cuts[i + 1] ?? 0) - 1 : -1 }));
}
