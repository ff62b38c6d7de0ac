/**
 * Runs once per Jest run: makes sure PostgreSQL and Redis answer, then (re)creates a migrated template
 * database that every test file clones (graphile/worker's pattern), so files run in parallel, isolated.
 */
import { Pool } from 'pg';
import { migrate } from '../../db/migrate';
import { redactUrl } from '../../services/startup';
import { TEMPLATE_DB, adminUrl, databaseUrl } from './test-env';

export default async function globalSetup(): Promise<void> {
  const admin = new Pool({ connectionString: adminUrl(), max: 1 });
  try {
    await admin.query('select 1').catch((err: Error) => {
      throw new Error(
        `Tests need PostgreSQL on ${redactUrl(adminUrl())} (${err.message}). Set it up: bash scripts/ensure-services.sh (README "Quick start").`,
      );
    });
    await dropStaleTestDatabases(admin);
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const pool = new Pool({ connectionString: databaseUrl(TEMPLATE_DB), max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
}

/** Databases left by a killed run (older than an hour) would slowly fill the disk. */
async function dropStaleTestDatabases(admin: Pool): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname like 'kwtest\\_%' and datname <> $1`,
    [TEMPLATE_DB],
  );
  for (const { datname } of rows) {
    const created = Number(datname.split('_')[1] ?? 0);
    if (Date.now() - created > 3600_000)
      await admin.query(`drop database if exists "${datname}" with (force)`);
  }
}
