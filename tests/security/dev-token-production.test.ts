import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DEV_STRAVA_CLIENT_SECRET } from '../../services/config/known-secrets';
import { DEV_SESSION_SECRET, DEV_TOKEN_ENCRYPTION_KEY } from '../../services/config/schema';
import { signLink } from '../../services/notify/signed-links';
import { dropQueueKeys } from '../support/redis-cleanup';
import { freePort, spawnTs, waitForStatus } from '../support/spawn-service';
import { TEMPLATE_DB, adminUrl, databaseUrl, redisUrl } from '../support/test-env';

jest.setTimeout(60_000);

const dbName = `kwtest_${Date.now()}_devtok${randomUUID().slice(0, 6)}`;
const queuePrefix = `kwtest-${randomUUID().slice(0, 8)}`;
const admin = new Pool({ connectionString: adminUrl(), max: 1 });

/** A production start an operator might try: real Strava app, but secrets copied from the source. */
const productionEnv = (port: number) => ({
  NODE_ENV: 'production',
  PORT: String(port),
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  DATABASE_URL: databaseUrl(dbName),
  REDIS_URL: redisUrl(),
  QUEUE_PREFIX: queuePrefix,
  STARTUP_TIMEOUT_MS: '10000',
  LOG_LEVEL: 'warn',
  STRAVA_CLIENT_ID: '12345',
  STRAVA_CLIENT_SECRET: '3f9c1e7a52b84d06e9a1c3f5b7d2e4a6c8b0d1f3',
  STRAVA_VERIFY_TOKEN: 'kneadwise-dev-verify-token',
  TOKEN_ENCRYPTION_KEY: DEV_TOKEN_ENCRYPTION_KEY,
  SESSION_SECRET: DEV_SESSION_SECRET,
});

const strongSecrets = {
  STRAVA_VERIFY_TOKEN: 'qZ7tW2mK9xR4vB8nL1cY6hD3',
  TOKEN_ENCRYPTION_KEY: 'k1:9mJ2xQ7vR1tK8pL3nB6cW0yH5dF4gS2aE9uI7oZ1qX0=',
  SESSION_SECRET: 'Xw3Rk9Pq2Lm7Vn4Bt8Hy1Jc6Gd5Fs0Za-Qe_Ui',
};

beforeAll(async () => {
  await admin.query(`create database ${dbName} template ${TEMPLATE_DB}`);
});
afterAll(async () => {
  await dropQueueKeys(redisUrl(), queuePrefix);
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

describe('ASVS-15.12 development verification token in production', () => {
  it('when production is started with the development secrets, then it exits 1 naming each and how to generate new ones, and never listens', async () => {
    const port = await freePort();
    const p = spawnTs('services/main.ts', productionEnv(port), ['--role=web']);
    expect(await p.exited).toBe(1);
    const stderr = p.stderr();
    for (const name of ['SESSION_SECRET', 'TOKEN_ENCRYPTION_KEY', 'STRAVA_VERIFY_TOKEN'])
      expect(stderr).toContain(`${name}: is a development default published in this repository`);
    expect(stderr).toMatch(/generate new values with: node -e/);
    expect(stderr).not.toContain(DEV_SESSION_SECRET);
    expect(await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null)).toBeNull();
  });

  it('when only the Strava client secret is the emulator default, then production still refuses', async () => {
    const port = await freePort();
    const env = { ...productionEnv(port), ...strongSecrets, STRAVA_CLIENT_SECRET: DEV_STRAVA_CLIENT_SECRET };
    const p = spawnTs('services/main.ts', env, ['--role=web']);
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toContain('STRAVA_CLIENT_SECRET: is a development default');
  });

  it('when production runs with real secrets, then an email-confirmation link forged with the development secret is refused', async () => {
    const port = await freePort();
    const p = spawnTs('services/main.ts', { ...productionEnv(port), ...strongSecrets }, ['--role=web']);
    try {
      expect(await waitForStatus(`http://127.0.0.1:${port}/healthz`, 200, 30_000)).toBe(200);
      const forged = signLink(DEV_SESSION_SECRET, {
        purpose: 'confirm-email',
        subject: randomUUID(),
        value: 'attacker@example.test',
        nowMs: Date.now(),
      });
      const res = await fetch(`http://127.0.0.1:${port}/email/confirm`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ t: forged }).toString(),
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/not valid/);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  });
});
