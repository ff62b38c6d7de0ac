import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Pool } from 'pg';
import { dropQueueKeys } from '../../support/redis-cleanup';
import { freePort, spawnTs, waitForStatus } from '../../support/spawn-service';
import { TEMPLATE_DB, adminUrl, databaseUrl, redisUrl } from '../../support/test-env';

jest.setTimeout(60_000);

const dbName = `kwtest_${Date.now()}_proc${randomUUID().slice(0, 6)}`;
const queuePrefix = `kwtest-${randomUUID().slice(0, 8)}`;
const admin = new Pool({ connectionString: adminUrl(), max: 1 });
const baseEnv = () => ({
  DATABASE_URL: databaseUrl(dbName),
  REDIS_URL: redisUrl(),
  QUEUE_PREFIX: queuePrefix,
  STARTUP_TIMEOUT_MS: '1500',
  LOG_LEVEL: 'warn',
});

beforeAll(async () => {
  await admin.query(`create database ${dbName} template ${TEMPLATE_DB}`);
});
afterAll(async () => {
  await dropQueueKeys(redisUrl(), queuePrefix);
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

function expectOneClearLine(stderr: string, pattern: RegExp): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('{'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('process start and stop', () => {
  it('when DATABASE_URL points nowhere, then it retries briefly and exits 1 with one clear message', async () => {
    const p = spawnTs('services/main.ts', {
      ...baseEnv(),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    });
    expect(await p.exited).toBe(1);
    expectOneClearLine(
      p.stderr(),
      /^Kneadwise cannot start: PostgreSQL at .*:1\/nowhere is unreachable after 2 s/,
    );
  });

  it('when REDIS_URL points nowhere, then it exits 1 with one clear message', async () => {
    const p = spawnTs('services/main.ts', { ...baseEnv(), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await p.exited).toBe(1);
    expectOneClearLine(
      p.stderr(),
      /^Kneadwise cannot start: Redis at redis:\/\/127\.0\.0\.1:1 is unreachable/,
    );
  });

  it('when a variable is invalid, then it exits 1 naming it', async () => {
    const p = spawnTs('services/main.ts', { ...baseEnv(), PORT: '-5' });
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toMatch(/Invalid configuration:\n\s+PORT: must be a whole number/);
    expect(p.stderr()).not.toMatch(/\n\s+at /);
  });

  it('when Redis may evict keys, then it refuses to start and says how to fix it', async () => {
    const port = await freePort();
    const redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--maxmemory-policy', 'allkeys-lru'],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      const p = spawnTs('services/main.ts', { ...baseEnv(), REDIS_URL: `redis://127.0.0.1:${port}` });
      expect(await p.exited).toBe(1);
      expectOneClearLine(
        p.stderr(),
        /maxmemory-policy is "allkeys-lru", but BullMQ needs "noeviction".*config set maxmemory-policy noeviction/,
      );
    } finally {
      redis.kill('SIGTERM');
    }
  });

  it('when started with working services, then it is healthy and ready, and SIGTERM exits 0', async () => {
    const port = await freePort();
    const p = spawnTs('services/main.ts', { ...baseEnv(), PORT: String(port), STARTUP_TIMEOUT_MS: '10000' });
    expect(await waitForStatus(`http://127.0.0.1:${port}/healthz`, 200, 30_000)).toBe(200);
    expect(await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 5_000)).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    expect(metrics).toContain('kneadwise_http_request_duration_seconds');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('when the web and worker roles run as separate processes, then both start and stop cleanly', async () => {
    const port = await freePort();
    const web = spawnTs(
      'services/main.ts',
      { ...baseEnv(), PORT: String(port), STARTUP_TIMEOUT_MS: '10000' },
      ['--role=web'],
    );
    const workers = [1, 2].map(() =>
      spawnTs('services/main.ts', { ...baseEnv(), STARTUP_TIMEOUT_MS: '10000' }, ['--role=worker']),
    );
    expect(await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 30_000)).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    for (const w of workers) expect(w.child.exitCode).toBeNull();
    for (const proc of [web, ...workers]) proc.child.kill('SIGINT');
    expect(await Promise.all([web, ...workers].map((x) => x.exited))).toEqual([0, 0, 0]);
  });
});
