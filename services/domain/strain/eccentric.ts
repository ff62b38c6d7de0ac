/**
 * The eccentric (braking) component of foot-sport descents, independent of the metabolic load.
 *
 * Going downhill, the legs absorb the potential energy the body releases: negative work whose rate is
 * g x (vertical descent speed) = g x v x sin(atan(-i)) for a descent at gradient i < 0 and path speed v. It
 * grows with steepness and with speed, while the metabolic cost (Minetti 2002) falls on the same descents,
 * which is why a split of the metabolic load alone made a -15 % descent strain the quads less than the flat.
 * DeVita et al. 2008 (J Biomech 41:3354) measured lower-limb joint work of -1.03 J/kg per metre at -10 deg,
 * of the order of the released potential energy (1.70 J/kg/m): the joints do absorb it. The knee extensors
 * take most of it (Shih & Ho 2023: the knee dominates the downslope support moment) and suffer the most
 * (Maeo 2017: -14..-17 % knee-extensor vs -6..-8 % plantar-flexor torque 24-48 h after 45 min at -15 %).
 *
 * Scale [our modelling choice, tunable]: QUADS_AU_PER_100M_DESCENT is set so Bontemps et al. 2020's median
 * damaging protocol (40 min at -12 %, 11.3 km/h: about 900 m of descent) gives the quads 100 AU of
 * eccentric damage weight, a very hard session's worth. The downhill-walking protocol of the PLOS One 2017
 * study (40 min at -28 %, 5 km/h: ~880 m) then gets a similar dose, matching its similar strength loss
 * (-19 %). Calves (which here include the shins) get Maeo's ratio of losses, about 0.45 of the quads'.
 */
import type { ActivityStreams, ActivitySummary } from '../activity';
import { zeroAreas, type AreaRecord, type BodyArea } from './body-areas';
import { usableStream } from './grade';

/** Eccentric damage weight (AU) the quads get per 100 m of descent (see the header for the calibration). */
export const QUADS_AU_PER_100M_DESCENT = 11;
/** Share of the quads' eccentric dose each area gets: calves/shins ~0.45 (Maeo 2017 torque-loss ratio 7/15.5). */
export const ECCENTRIC_AREA_RATIO: Readonly<Partial<Record<BodyArea, number>>> = { quads: 1, calves: 0.45 };

/**
 * Descents gentler than this (percent) count nothing: they lie within the grade noise of GPS and barometric
 * altitude (a flat run with +-2 m altitude noise shows ~17 m of "descent"), and damaging protocols use -5 %
 * or steeper (Bontemps 2020: median -12 %). [our choice]
 */
export const MIN_DESCENT_GRADE_PCT = 2;

/** Longer gaps between samples are pauses the `moving` stream did not flag (same rule as the sample weights). */
const MAX_SAMPLE_GAP_S = 30;
/** Faster than this on foot is a GPS artefact, not a descent. */
const MAX_FOOT_SPEED_MPS = 12;

export interface EccentricDose {
  /** Metres of vertical descent that counted (moving samples at -2 % or steeper). */
  descentM: number;
  source: 'streams' | 'summary' | 'none';
}

function speedAt(streams: ActivityStreams, i: number, dtS: number): number {
  const v = streams.velocityMps?.[i];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const d0 = streams.distanceM?.[i];
  const d1 = streams.distanceM?.[i + 1];
  return typeof d0 === 'number' && typeof d1 === 'number' && dtS > 0 ? (d1 - d0) / dtS : NaN;
}

/**
 * Vertical metres descended while moving, from speed x time x sin(atan(-grade)) per sample at -2 % or
 * steeper (grade in percent, already cleaned). Null when there is neither speed nor distance to go with the grade.
 */
export function descentFromStreams(
  streams: ActivityStreams,
  n: number,
  gradePct: Float64Array,
): number | null {
  if (!usableStream(streams.velocityMps, n) && !usableStream(streams.distanceM, n)) return null;
  const time = usableStream(streams.timeS, n);
  const moving = usableStream(streams.moving, n);
  let descentM = 0;
  for (let i = 0; i < n; i++) {
    if (!(gradePct[i]! <= -MIN_DESCENT_GRADE_PCT) || (moving && moving[i] === false)) continue;
    const g = gradePct[i]! / 100;
    let dtS = 1;
    if (time && i + 1 < n) {
      const gapS = (time[i + 1] as number) - (time[i] as number);
      dtS = gapS > 0 ? Math.min(gapS, MAX_SAMPLE_GAP_S) : 0;
    }
    const v = speedAt(streams, i, dtS);
    if (!(v > 0 && v <= MAX_FOOT_SPEED_MPS) || dtS <= 0) continue;
    descentM += v * dtS * (-g / Math.sqrt(1 + g * g));
  }
  return descentM;
}

/** Summary only: Strava gives the gain, and a loop descends as much as it climbs (training-science §4.2). */
export function descentFromSummary(summary: ActivitySummary): number | null {
  const gainM = Number(summary.totalElevationGainM);
  return Number.isFinite(gainM) && gainM >= 0 ? gainM : null;
}

/** Eccentric damage weight per area (AU) for a descent: linear in metres descended, 0 elsewhere. */
export function eccentricLoads(descentM: number): AreaRecord {
  const out = zeroAreas();
  if (!(descentM > 0)) return out;
  const quadsAu = (QUADS_AU_PER_100M_DESCENT * descentM) / 100;
  for (const [area, ratio] of Object.entries(ECCENTRIC_AREA_RATIO) as [BodyArea, number][]) {
    out[area] = quadsAu * ratio;
  }
  return out;
}
