import { ConfigError, envSchema, loadConfig } from '../../../services/config';

const prodSecrets = {
  NODE_ENV: 'production',
  STRAVA_CLIENT_ID: '12345',
  // Random-looking values: production refuses development defaults and predictable secrets.
  STRAVA_CLIENT_SECRET: '3f9c1e7a52b84d06e9a1c3f5b7d2e4a6c8b0d1f3',
  STRAVA_VERIFY_TOKEN: 'qZ7tW2mK9xR4vB8nL1cY6hD3',
  TOKEN_ENCRYPTION_KEY: 'k1:9mJ2xQ7vR1tK8pL3nB6cW0yH5dF4gS2aE9uI7oZ1qX0=',
  SESSION_SECRET: 'Xw3Rk9Pq2Lm7Vn4Bt8Hy1Jc6Gd5Fs0Za-Qe_Ui',
};

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when the environment is empty, then every variable has a safe local default', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('postgres://kneadwise@127.0.0.1:5432/kneadwise');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.strava.baseUrl).toBe('https://www.strava.com');
    expect(c.strava.rawRetentionDays).toBe(7);
    expect(c.secureCookies).toBe(false);
  });

  it('when PUBLIC_URL is https, then cookies are Secure', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://kneadwise.example.org/' }).secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://kneadwise.example.org/' }).publicUrl).toBe(
      'https://kneadwise.example.org',
    );
  });

  it('when several values are bad, then one error names every bad variable and how to fix it', () => {
    const err = errorOf(() =>
      loadConfig({
        PORT: 'eighty',
        REDIS_URL: 'localhost',
        LOG_LEVEL: 'loud',
        STRAVA_RAW_RETENTION_DAYS: '30',
      }),
    );
    expect(err.message).toMatch(/PORT: must be a whole number from 0 to 65535/);
    expect(err.message).toMatch(/REDIS_URL: must be a redis or rediss URL/);
    expect(err.message).toMatch(/LOG_LEVEL/);
    expect(err.message).toMatch(/STRAVA_RAW_RETENTION_DAYS: must be a whole number from 1 to 7/);
    expect(err.message.match(/REDIS_URL/g)).toHaveLength(1);
  });

  it('when a secret is malformed, then the message does not echo its value', () => {
    const err = errorOf(() =>
      loadConfig({ TOKEN_ENCRYPTION_KEY: 'hunter2-secret', SESSION_SECRET: 'short-secret' }),
    );
    expect(err.message).toMatch(/TOKEN_ENCRYPTION_KEY: must be "keyId:base64-32-bytes"/);
    expect(err.message).toMatch(/SESSION_SECRET: must be at least 32 characters \(value hidden\)/);
    expect(err.message).not.toContain('hunter2-secret');
    expect(err.message).not.toContain('short-secret');
  });

  it('when NODE_ENV=production and secrets are missing, then it refuses to start naming each one', () => {
    const err = errorOf(() => loadConfig({ NODE_ENV: 'production' }));
    for (const name of [
      'STRAVA_CLIENT_ID',
      'STRAVA_CLIENT_SECRET',
      'TOKEN_ENCRYPTION_KEY',
      'SESSION_SECRET',
      'STRAVA_VERIFY_TOKEN',
    ]) {
      expect(err.message).toContain(`${name}: required when NODE_ENV=production`);
    }
  });

  it('when NODE_ENV=production and every secret is given, then it loads', () => {
    const c = loadConfig(prodSecrets);
    expect(c.env).toBe('production');
    expect(c.strava.clientId).toBe('12345');
  });

  it('when a flag says "false", then it is false (no boolean coercion trap)', () => {
    expect(loadConfig({ METRICS_ENABLED: 'false' }).metricsEnabled).toBe(false);
    expect(loadConfig({ METRICS_ENABLED: '1' }).metricsEnabled).toBe(true);
    expect(() => loadConfig({ METRICS_ENABLED: 'yes please' })).toThrow(ConfigError);
  });

  it('when a value is blank, then the default applies', () => {
    expect(loadConfig({ PORT: '  ' }).port).toBe(3000);
  });

  it('when listing the schema, then every variable documents itself', () => {
    for (const [name, field] of Object.entries(envSchema.shape)) {
      expect({ name, description: field.description ?? '' }).toEqual({
        name,
        description: expect.stringMatching(/\w{3,}/),
      });
    }
  });
});
