import type { Queryable } from '../pool';

/** A cheap round trip used by /readyz. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('select 1');
}
