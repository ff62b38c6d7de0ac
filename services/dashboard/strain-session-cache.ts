import { selectStrainFingerprints, selectStrainSessions } from '../../db/queries/dashboard';
import type { Queryable } from '../../db/pool';
import type { StrainSession } from '../domain/strain';
import { toStrainSessionFromStored } from './body-map';

interface Entry {
  key: string;
  sessions: StrainSession[];
}

/** Bounded: beyond this many athletes the cache starts over (a few hundred bytes per session). */
const MAX_ATHLETES = 5000;
const cache = new Map<string, Entry>();

/**
 * Strain sessions of several athletes since `fromDate`, leaving out activities private on Strava for the
 * athletes in `withoutPrivate` (read directly, never cached), re-reading only athletes whose inputs changed
 * (fingerprint: row count + newest computed_at). Only data rows are cached, per process; who may see an
 * athlete is decided by the caller's query on every request, never here. The projection itself (which
 * depends on "now") is always recomputed by the caller.
 */
export async function strainSessionsOf(
  db: Queryable,
  athleteIds: string[],
  fromDate: string,
  withoutPrivate: ReadonlySet<string> = new Set(),
): Promise<Map<string, StrainSession[]>> {
  const all = await cachedSessionsOf(
    db,
    athleteIds.filter((id) => !withoutPrivate.has(id)),
    fromDate,
  );
  const filtered = new Map<string, StrainSession[]>([...withoutPrivate].map((id) => [id, []]));
  for (const r of await selectStrainSessions(db, [...withoutPrivate], fromDate, false)) {
    const s = toStrainSessionFromStored(Number(r.startMs), r.areaLoads);
    if (s) filtered.get(r.athleteId)?.push(s);
  }
  return new Map(athleteIds.map((id) => [id, filtered.get(id) ?? all.get(id) ?? []]));
}

async function cachedSessionsOf(
  db: Queryable,
  athleteIds: string[],
  fromDate: string,
): Promise<Map<string, StrainSession[]>> {
  if (athleteIds.length === 0) return new Map();
  const prints = await selectStrainFingerprints(db, athleteIds, fromDate);
  const keyOf = (id: string) => `${fromDate}|${prints.get(id) ?? 'none'}`;
  const stale = athleteIds.filter((id) => prints.has(id) && cache.get(id)?.key !== keyOf(id));
  if (stale.length > 0) {
    if (cache.size + stale.length > MAX_ATHLETES) cache.clear();
    const fresh = new Map<string, StrainSession[]>(stale.map((id) => [id, []]));
    for (const r of await selectStrainSessions(db, stale, fromDate)) {
      const s = toStrainSessionFromStored(Number(r.startMs), r.areaLoads);
      if (s) fresh.get(r.athleteId)?.push(s);
    }
    for (const [id, sessions] of fresh) cache.set(id, { key: keyOf(id), sessions });
  }
  return new Map(athleteIds.map((id) => [id, prints.has(id) ? (cache.get(id)?.sessions ?? []) : []]));
}
