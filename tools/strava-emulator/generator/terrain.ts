import type { Prng } from './prng';
import type { TerrainKind } from './workouts';

/** Altitude as a function of distance along the route. Deterministic for a given PRNG. */
export interface Terrain {
  altitudeM(distanceM: number): number;
  /** Slope as a fraction (0.1 = 10 % up), central difference over ±5 m. */
  grade(distanceM: number): number;
}

interface Wave {
  amplitudeM: number;
  wavelengthM: number;
  phase: number;
  /** Share of a period spent climbing; < 0.5 makes climbs steep, > 0.5 makes descents steep. */
  climbShare: number;
}

const WAVES: Record<TerrainKind, Array<[number, number, number]>> = {
  // [peak-to-peak amplitude m, wavelength m, climb share]
  flat: [[3, 1500, 0.5]],
  rolling: [
    [14, 2200, 0.5],
    [4, 600, 0.5],
  ],
  'hilly-road': [
    [60, 7000, 0.55],
    [15, 1800, 0.5],
  ],
  // Long gradual climbs, short steep descents (down to about -30 %): the quads-killing trail profile.
  trail: [
    [320, 6500, 0.78],
    [40, 1200, 0.6],
    [6, 250, 0.5],
  ],
  mountain: [
    [450, 9000, 0.62],
    [30, 900, 0.5],
  ],
};

/** 0 → 1 → 0 over one period, rising for `climbShare` of it, cosine-shaped so the slope is continuous. */
function asymmetricWave(phase: number, climbShare: number): number {
  const p = phase - Math.floor(phase);
  if (p < climbShare) return (1 - Math.cos((Math.PI * p) / climbShare)) / 2;
  return (1 + Math.cos((Math.PI * (p - climbShare)) / (1 - climbShare))) / 2;
}

/** Creates the terrain of one route; `baseAltitudeM` is the start's rough altitude. */
export function createTerrain(kind: TerrainKind, prng: Prng, baseAltitudeM: number): Terrain {
  const waves: Wave[] = WAVES[kind].map(([amp, len, share]) => ({
    amplitudeM: amp * prng.range(0.75, 1.25),
    wavelengthM: len * prng.range(0.8, 1.2),
    phase: kind === 'trail' || kind === 'mountain' ? 0 : prng.next(),
    climbShare: share,
  }));
  const raw = (d: number): number =>
    waves.reduce(
      (sum, w) => sum + w.amplitudeM * asymmetricWave(d / w.wavelengthM + w.phase, w.climbShare),
      0,
    );
  const offset = raw(0);
  const altitudeM = (d: number): number => baseAltitudeM + raw(d) - offset;
  return {
    altitudeM,
    grade: (d) => (altitudeM(d + 5) - altitudeM(d - 5)) / 10,
  };
}
