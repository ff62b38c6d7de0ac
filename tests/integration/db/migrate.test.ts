import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { loadMigrations, migrate, schemaStatus, SchemaTooNewError } from '../../../db/migrate';
import { adminUrl, databaseUrl } from '../../support/test-env';

const dbName = `kwtest_${Date.now()}_mig${randomUUID().slice(0, 6)}`;
let admin: Pool;
let pool: Pool;

beforeAll(async () => {
  admin = new Pool({ connectionString: adminUrl(), max: 1 });
  await admin.query(`create database ${dbName}`);
  pool = new Pool({ connectionString: databaseUrl(dbName), max: 4 });
  // As in db/pool.ts: an idle client dropped by the server must not crash the test process.
  pool.on('error', () => undefined);
  admin.on('error', () => undefined);
});
afterAll(async () => {
  await pool.end();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

describe('migrate', () => {
  it('when the database is empty, then every migration applies in order and the ledger records it', async () => {
    const known = loadMigrations();
    expect(known.length).toBeGreaterThan(0);
    const applied = await migrate(pool);
    expect(applied).toEqual(known.map((m) => m.version));
    const { rows } = await pool.query('select version, name from schema_migration order by version');
    expect(rows.map((r) => r.name)).toEqual(known.map((m) => m.name));
    const tables = await pool.query(
      `select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const names = tables.rows.map((r) => r.table_name);
    for (const t of [
      'athlete',
      'strava_token',
      'webhook_inbox',
      'activity',
      'activity_stream',
      'activity_metric',
      'daily_series',
      'alert',
      'email_outbox',
      'app_user',
      'coach_athlete',
    ]) {
      expect(names).toContain(t);
    }
    expect(await schemaStatus(pool)).toMatchObject({ ok: true });
  });

  it('when run again, or by several processes at once, then nothing is applied twice', async () => {
    const results = await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    expect(results).toEqual([[], [], []]);
  });

  it('when a migration fails, then the whole batch rolls back', async () => {
    const known = loadMigrations();
    const broken = [
      ...known,
      { version: known.length + 1, name: 'x_ok', sql: 'create table will_vanish (id int)' },
      { version: known.length + 2, name: 'x_bad', sql: 'select * from no_such_table' },
    ];
    await expect(migrate(pool, broken)).rejects.toThrow(/no_such_table/);
    const { rows } = await pool.query(`select to_regclass('will_vanish') as t`);
    expect(rows[0].t).toBeNull();
    expect((await schemaStatus(pool)).current).toBe(known.length);
  });

  it('when the database has a newer migration than this build knows, then it refuses to run', async () => {
    const known = loadMigrations();
    await pool.query(`insert into schema_migration (version, name) values ($1, 'from_the_future')`, [
      known.length + 1,
    ]);
    try {
      await expect(migrate(pool)).rejects.toThrow(SchemaTooNewError);
      expect(await schemaStatus(pool)).toMatchObject({ ok: false });
    } finally {
      await pool.query('delete from schema_migration where version = $1', [known.length + 1]);
    }
  });
});
