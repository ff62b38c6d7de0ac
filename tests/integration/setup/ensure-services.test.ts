import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { parseEnv } from 'node:util';
import { PrivatePostgres, privatePostgresUnavailable } from '../../support/chaos/private-postgres';
import { freePort } from '../../support/spawn-service';
import { SetupSandbox, sha256, shellLine } from './setup-sandbox';

/**
 * scripts/ensure-services.sh, the setup step of `npm test` and `npm run demo`, against private servers:
 * a PostgreSQL cluster with Debian's password auth on TCP (and one with trust), and a Redis, each on a
 * free port, never the machine's own. Debian's pg_lsclusters / pg_ctlcluster / apt-get are stood in for
 * by recording fakes that act on the private cluster.
 */
jest.setTimeout(120_000);

const unavailable = privatePostgresUnavailable();
const describeWithPg = unavailable ? describe.skip : describe;
if (unavailable) console.warn(`ensure-services tests skipped: ${unavailable}`);

const redisCli = (port: number, ...args: string[]): string => {
  if (port === 6379) throw new Error("never touch the machine's own Redis");
  return spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    encoding: 'utf8',
  }).stdout.trim();
};
const envOf = (file: string) => parseEnv(readFileSync(file, 'utf8'));

async function query(url: string, sql: string): Promise<string[]> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5000 });
  try {
    return (await pool.query<{ v: string }>(sql)).rows.map((r) => r.v);
  } finally {
    await pool.end();
  }
}
const owners = (url: string) =>
  query(
    url,
    `select datname || ':' || pg_get_userbyid(datdba) v from pg_database
     where datname like 'kneadwise%' order by datname`,
  );

/** The private Redis the script starts (on a free port, in its own directory) and the tests stop. */
let redisPort = 0;
const redisDir = mkdtempSync(path.join(tmpdir(), 'kw-setup-redis-'));
beforeAll(async () => {
  redisPort = await freePort();
});
afterAll(() => {
  if (redisPort && redisCli(redisPort, 'ping') === 'PONG') redisCli(redisPort, 'shutdown', 'nosave');
  rmSync(redisDir, { recursive: true, force: true });
});

/** Points the script at `pg` and the private Redis. */
function serversEnv(pg: PrivatePostgres): Record<string, string> {
  return {
    KW_PG_PORT: String(pg.port),
    KW_PG_SOCKET_DIR: pg.dir,
    KW_REDIS_PORT: String(redisPort),
    KW_REDIS_DIR: redisDir,
    KW_REDIS_LOG: path.join(redisDir, 'redis.log'),
  };
}

async function destroy(pg: PrivatePostgres, sandbox: SetupSandbox): Promise<void> {
  await pg.destroy();
  rmSync(sandbox.dir, { recursive: true, force: true });
}

describeWithPg('ensure-services.sh with password auth on TCP (Debian default)', () => {
  const sandbox = new SetupSandbox();
  const pg = new PrivatePostgres('password');
  let env: Record<string, string>;
  let hbaBefore = '';

  beforeAll(async () => {
    await pg.init();
    await pg.stop();
    hbaBefore = sha256(pg.hbaFile);
    sandbox.fake(
      'pg_lsclusters',
      `echo "16 kwtest ${pg.port} down postgres ${pg.dir}/data ${pg.dir}/pg.log"`,
    );
    sandbox.fake('pg_ctlcluster', `exec ${shellLine(pg.startCommand())} >/dev/null`);
    sandbox.fake('apt-get', 'exit 1');
    env = { PATH: `${sandbox.fakeBin}:${process.env.PATH ?? ''}`, ...serversEnv(pg) };
  });
  afterAll(() => destroy(pg, sandbox));

  it('when PostgreSQL and Redis are stopped, then it starts both, creates the kneadwise role, its databases and .env.local, and leaves pg_hba.conf as it was', async () => {
    const run = await sandbox.run(env);
    expect(run).toEqual({ code: 0, stderr: expect.stringContaining('role kneadwise is ready') });
    expect(run.stderr).not.toContain('already existed');
    expect(sandbox.calls()).toEqual(['pg_lsclusters -h', 'pg_ctlcluster 16 kwtest start']);
    expect(sha256(pg.hbaFile)).toBe(hbaBefore);

    expect(statSync(sandbox.envFile).mode & 0o777).toBe(0o600);
    const { DATABASE_URL: url = '', TEST_PG_URL: testUrl = '' } = envOf(sandbox.envFile);
    expect(url).toMatch(
      new RegExp(`^postgres://kneadwise:[0-9a-f]{48}@127\\.0\\.0\\.1:${pg.port}/kneadwise$`),
    );
    expect(testUrl).toBe(url.replace(/\/kneadwise$/, '/postgres'));
    expect(await query(url, 'select current_user v')).toEqual(['kneadwise']);
    expect(await owners(url)).toEqual(['kneadwise:kneadwise', 'kneadwise_demo:kneadwise']);
    // The password is really checked: the cluster still asks for one on TCP.
    await expect(query(url.replace(/:[0-9a-f]{48}@/, ':wrong@'), 'select 1 v')).rejects.toThrow(
      /password authentication failed/,
    );

    expect(redisCli(redisPort, 'ping')).toBe('PONG');
    expect(redisCli(redisPort, 'config', 'get', 'maxmemory-policy')).toBe('maxmemory-policy\nnoeviction');
  });

  it('when run again, then it changes nothing and says nothing', async () => {
    const before = {
      text: readFileSync(sandbox.envFile, 'utf8'),
      mtimeMs: statSync(sandbox.envFile).mtimeMs,
    };
    const calls = sandbox.calls().length;
    expect(await sandbox.run(env)).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(sandbox.envFile, 'utf8')).toBe(before.text);
    expect(statSync(sandbox.envFile).mtimeMs).toBe(before.mtimeMs);
    expect(sandbox.calls()).toHaveLength(calls);
    expect(sha256(pg.hbaFile)).toBe(hbaBefore);
  });

  it('when .env.local loses its DATABASE_URL, then the role gets a new password that works, and the other lines are kept', async () => {
    const old = envOf(sandbox.envFile).DATABASE_URL ?? '';
    writeFileSync(sandbox.envFile, 'LOG_LEVEL=debug\n');
    const run = await sandbox.run(env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('the kneadwise role already existed: its password is now the one in');
    expect(envOf(sandbox.envFile).LOG_LEVEL).toBe('debug');
    const fresh = envOf(sandbox.envFile).DATABASE_URL ?? '';
    expect(fresh).not.toBe(old);
    expect(await query(fresh, 'select current_user v')).toEqual(['kneadwise']);
    await expect(query(old, 'select 1 v')).rejects.toThrow(/password authentication failed/);
    expect(sha256(pg.hbaFile)).toBe(hbaBefore);
  });

  it('when the running Redis may evict keys, then it (and npm run demo, first) says so and how to fix it, and leaves the policy as it was', async () => {
    redisCli(redisPort, 'config', 'set', 'maxmemory-policy', 'allkeys-lru');
    try {
      const run = await sandbox.run(env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('maxmemory-policy allkeys-lru');
      expect(run.stderr).toContain(
        `redis-cli -h 127.0.0.1 -p ${redisPort} config set maxmemory-policy noeviction`,
      );
      expect(redisCli(redisPort, 'config', 'get', 'maxmemory-policy')).toBe('maxmemory-policy\nallkeys-lru');
      // npm run demo runs the same step first, and stops there.
      const demo = await sandbox.run(env, ['npm', 'run', '--silent', 'demo']);
      expect(demo.code).not.toBe(0);
      expect(demo.stderr).toContain('ensure-services: Redis on 127.0.0.1');
      expect(demo.stderr).not.toContain('Checking prerequisites');
    } finally {
      redisCli(redisPort, 'config', 'set', 'maxmemory-policy', 'noeviction');
    }
  });
});

describeWithPg('ensure-services.sh with an existing trust setup', () => {
  const sandbox = new SetupSandbox();
  const pg = new PrivatePostgres('trust');
  let env: Record<string, string>;

  beforeAll(async () => {
    await pg.init();
    env = serversEnv(pg);
  });
  afterAll(() => destroy(pg, sandbox));

  it('when postgres logs in without a password, then the tests keep using it and the app gets the kneadwise role', async () => {
    const hbaBefore = sha256(pg.hbaFile);
    expect((await sandbox.run(env)).code).toBe(0);
    const local = envOf(sandbox.envFile);
    expect(local.DATABASE_URL).toMatch(/^postgres:\/\/kneadwise:[0-9a-f]{48}@127\.0\.0\.1:\d+\/kneadwise$/);
    expect(local.TEST_PG_URL).toBeUndefined();
    expect(await owners(pg.adminUrl)).toEqual(['kneadwise:kneadwise', 'kneadwise_demo:kneadwise']);
    expect(sha256(pg.hbaFile)).toBe(hbaBefore);
  });

  it('when a kneadwise database from an earlier setup belongs to postgres, then it is left alone and still used as postgres', async () => {
    await query(pg.adminUrl, 'drop database kneadwise');
    await query(pg.adminUrl, 'create database kneadwise owner postgres');
    rmSync(sandbox.envFile);
    const run = await sandbox.run(env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('the database kneadwise already existed and belongs to postgres');
    expect(envOf(sandbox.envFile).DATABASE_URL).toBe(`postgres://postgres@127.0.0.1:${pg.port}/kneadwise`);
    expect(await owners(pg.adminUrl)).toEqual(['kneadwise:postgres', 'kneadwise_demo:kneadwise']);
  });
});

describe('ensure-services.sh where it cannot install', () => {
  const sandbox = new SetupSandbox();
  afterAll(() => rmSync(sandbox.dir, { recursive: true, force: true }));

  async function bareRun(): Promise<{ code: number; stderr: string }> {
    return sandbox.run({
      PATH: sandbox.barePath(),
      KW_PG_PORT: String(await freePort()),
      KW_REDIS_PORT: String(await freePort()),
    });
  }

  it('when not root and neither PostgreSQL nor Redis is installed, then one message names both and the commands that fix it, and nothing is written', async () => {
    sandbox.fake('id', 'echo 1000');
    const run = await bareRun();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('only when run as root, so nothing was changed');
    expect(run.stderr).toContain('PostgreSQL is not installed');
    expect(run.stderr).toContain('Redis is not installed');
    expect(run.stderr).toContain('sudo bash scripts/ensure-services.sh');
    expect(run.stderr).toContain('docker compose up -d postgres redis');
    expect(run.stderr).toContain('Debian/Ubuntu packages postgresql redis-server');
    expect(run.stderr.match(/Fix it with one of/g)).toHaveLength(1);
    expect(existsSync(sandbox.envFile)).toBe(false);
  });

  it('when root without apt-get, then it says so the same way', async () => {
    sandbox.fake('id', 'echo 0');
    const run = await bareRun();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('there is no apt-get to install them, so nothing was changed');
  });

  it("when root with apt-get, then it installs postgresql and redis-server from Debian's packages", async () => {
    sandbox.fake('id', 'echo 0');
    sandbox.fake('apt-get');
    const run = await bareRun();
    expect(sandbox.calls().filter((c) => c.startsWith('apt-get'))).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq postgresql redis-server',
    ]);
    // The fake installed nothing, so PostgreSQL still cannot start: a clear failure, not half a setup.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no PostgreSQL cluster is set up for port');
    expect(existsSync(sandbox.envFile)).toBe(false);
  });
});
