import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
/** Arbitrary constant: every Kneadwise process migrating the same database serialises on it. */
const MIGRATION_LOCK_ID = 7_366_452_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** Reads `NNNN_verb_object.sql` files in version order; a gap or duplicate number is a packaging bug. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 4));
    if (version !== i + 1) throw new Error(`migration numbering gap or duplicate at ${file}`);
    return { version, name: file.replace(/\.sql$/, ''), sql: readFileSync(path.join(dir, file), 'utf8') };
  });
}

/**
 * Applies every pending migration in ONE transaction under a transaction-scoped advisory lock, recording
 * each in the `schema_migration` ledger. Forward-only. Refuses (SchemaTooNewError) when the database has
 * a version this code does not know: an older build must not write to a newer schema.
 * The lock is taken first, on a dedicated client, so concurrent starters wait and then see nothing to do.
 */
export async function migrate(pool: Pool, migrations = loadMigrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(
      `create table if not exists schema_migration (
         version integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const { rows } = await client.query<{ version: number }>(
      'select version from schema_migration order by version',
    );
    const applied = new Set(rows.map((r) => r.version));
    assertNotNewer([...applied], migrations);
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await client.query(m.sql);
      await client.query('insert into schema_migration (version, name) values ($1, $2)', [m.version, m.name]);
    }
    await client.query('commit');
    return pending.map((m) => m.version);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface SchemaStatus {
  current: number;
  expected: number;
  ok: boolean;
}

/** For /readyz: is the database at exactly the version this build expects? */
export async function schemaStatus(pool: Pool, migrations = loadMigrations()): Promise<SchemaStatus> {
  const expected = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const exists = await pool.query<{ t: string | null }>(`select to_regclass('schema_migration')::text as t`);
  if (!exists.rows[0]?.t) return { current: 0, expected, ok: expected === 0 };
  const { rows } = await pool.query<{ v: number | null }>('select max(version) as v from schema_migration');
  const current = rows[0]?.v ?? 0;
  return { current, expected, ok: current === expected };
}

function assertNotNewer(applied: number[], migrations: Migration[]): void {
  const known = new Set(migrations.map((m) => m.version));
  const unknown = applied.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `database schema has migration(s) ${unknown.join(', ')} that this build does not know; ` +
        'deploy the newer Kneadwise build (migrations are forward-only).',
    );
  }
}
