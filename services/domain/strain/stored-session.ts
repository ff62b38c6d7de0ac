/**
 * Reading stored per-activity strain (activity_metric.area_loads, the ActivityStrain shape) back into the
 * sessions `projectAreaStrain` takes. Pure; used by the recompute job and the dashboards alike.
 */
import { BODY_AREAS, type AreaRecord, type BodyArea } from './body-areas';
import type { StrainSession } from './project-strain';

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
