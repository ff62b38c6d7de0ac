import type { Queryable } from '../pool';

/**
 * Merges what the athlete (or a consented coach) entered: given values replace, `cleared` keys are
 * removed (estimated again), others stay. `_enteredBy` records who typed each given value (`enteredBy`:
 * 'athlete' or 'coach'), merged per key the same way. Returns the stored values and the first activity day.
 */
export async function savePhysiologyEntered(
  db: Queryable,
  athleteId: string,
  values: Record<string, unknown>,
  cleared: string[],
  enteredBy: 'athlete' | 'coach' = 'athlete',
): Promise<{ entered: Record<string, unknown>; firstActivityDate: string | null } | null> {
  const by = Object.fromEntries(Object.keys(values).map((k) => [k, enteredBy]));
  const { rows } = await db.query<{ entered: Record<string, unknown>; firstActivityDate: string | null }>(
    `update athlete set physiology_entered = jsonb_set(
         (physiology_entered || $2::jsonb) - $3::text[], '{_enteredBy}',
         (coalesce(physiology_entered->'_enteredBy', '{}'::jsonb) || $4::jsonb) - $3::text[]),
       updated_at = now()
     where id = $1
     returning physiology_entered as entered,
       (select to_char(min(local_date), 'YYYY-MM-DD') from activity where athlete_id = $1) as "firstActivityDate"`,
    [athleteId, JSON.stringify(values), cleared, JSON.stringify(by)],
  );
  return rows[0] ?? null;
}

/** Sets the body areas an activity worked (null clears them); returns its local day, or null when not theirs. */
export async function saveTaggedAreas(
  db: Queryable,
  athleteId: string,
  activityId: string,
  areas: string[] | null,
): Promise<string | null> {
  const { rows } = await db.query<{ localDate: string }>(
    `update activity set tagged_areas = $3, updated_at = now(),
       inputs_version = inputs_version + (tagged_areas is distinct from $3::text[])::int
     where id = $2::bigint and athlete_id = $1
     returning to_char(local_date, 'YYYY-MM-DD') as "localDate"`,
    [athleteId, activityId, areas],
  );
  return rows[0]?.localDate ?? null;
}
