import {
  STRAIN_STATE_EXPLANATIONS,
  projectAreaStrain,
  type BodyArea,
  type StrainSession,
  type StrainState,
} from '../domain/strain';

// Shared with the recompute job, so they live with the strain model.
export { STRAIN_LOOKBACK_DAYS, toStrainSessionFromStored } from '../domain/strain/stored-session';

export interface BodyMapArea {
  area: BodyArea;
  label: string;
  /** Soreness now / the area's usual level (1 = usual for this athlete). An estimate. */
  indexNow: number;
  /** The same ratio projected 24 h ahead, with no further training. */
  indexTomorrow: number;
  state: StrainState;
  stateText: string;
}

export interface BodyMap {
  areas: BodyMapArea[];
  /** The area with the highest projected index, when any area is above fresh. */
  mostStrained: BodyMapArea | null;
  sessionsUsed: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Per-area strain now and tomorrow from the pure strain model (no formula lives here). */
export function buildBodyMap(sessions: readonly StrainSession[], nowMs: number): BodyMap {
  const strain = projectAreaStrain(sessions, nowMs);
  const areas = strain.areas.map((a) => ({
    area: a.area,
    label: a.label,
    indexNow: round2(a.baselineSorenessAu > 0 ? a.sorenessNowAu / a.baselineSorenessAu : 0),
    indexTomorrow: round2(a.strainIndex),
    state: a.state,
    stateText: STRAIN_STATE_EXPLANATIONS[a.state],
  }));
  const ranked = areas.filter((a) => a.state !== 'fresh').sort((x, y) => y.indexTomorrow - x.indexTomorrow);
  return { areas, mostStrained: ranked[0] ?? null, sessionsUsed: strain.sessionsUsed };
}
