import {
  BODY_AREAS,
  STRAIN_STATE_EXPLANATIONS,
  projectAreaStrain,
  type AreaRecord,
  type BodyArea,
  type StrainSession,
  type StrainState,
} from '../domain/strain';

/** Sessions from this many days back feed the projection (repeated-bout look-back; see projectAreaStrain). */
export const STRAIN_LOOKBACK_DAYS = 63;

function areaRecord(value: unknown): AreaRecord | null {
  if (!value || typeof value !== 'object') return null;
  const src = value as Record<string, unknown>;
  const out = {} as Record<BodyArea, number>;
  let any = false;
  for (const area of BODY_AREAS) {
    const v = src[area];
    out[area] = typeof v === 'number' && Number.isFinite(v) ? v : 0;
    any ||= typeof v === 'number';
  }
  return any ? out : null;
}

/**
 * Reads activity_metric.area_loads into a StrainSession. Accepts the full ActivityStrain shape
 * ({ areaLoadsAu, eccentricLoadsAu, ... }, or the older unsuffixed names) or a plain per-area record (no
 * eccentric extra); anything else is
 * skipped (null), so one malformed row never breaks a page.
 */
export function toStrainSessionFromStored(startMs: number, stored: unknown): StrainSession | null {
  if (!Number.isFinite(startMs) || !stored || typeof stored !== 'object') return null;
  const s = stored as Record<string, unknown>;
  const areaLoadsAu = areaRecord(s.areaLoadsAu) ?? areaRecord(s.areaLoads) ?? areaRecord(stored);
  if (!areaLoadsAu) return null;
  const eccentricLoadsAu =
    areaRecord(s.eccentricLoadsAu) ?? areaRecord(s.eccentricLoads) ?? areaRecord({ calves: 0 })!;
  return { startMs, areaLoadsAu, eccentricLoadsAu };
}

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
