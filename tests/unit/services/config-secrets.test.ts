import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../services/config';
import {
  CHECKED_SECRETS,
  DEV_STRAVA_CLIENT_SECRET,
  publishedSecretValues,
} from '../../../services/config/known-secrets';
import { DEV_SESSION_SECRET, DEV_TOKEN_ENCRYPTION_KEY } from '../../../services/config/schema';

/** Strong values for every production secret; each test spoils one. */
const strong = {
  NODE_ENV: 'production',
  STRAVA_CLIENT_ID: '12345',
  STRAVA_CLIENT_SECRET: '3f9c1e7a52b84d06e9a1c3f5b7d2e4a6c8b0d1f3',
  STRAVA_VERIFY_TOKEN: 'qZ7tW2mK9xR4vB8nL1cY6hD3',
  TOKEN_ENCRYPTION_KEY: 'k1:9mJ2xQ7vR1tK8pL3nB6cW0yH5dF4gS2aE9uI7oZ1qX0=',
  SESSION_SECRET: 'Xw3Rk9Pq2Lm7Vn4Bt8Hy1Jc6Gd5Fs0Za-Qe_Ui',
};

function messageOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return '';
}

const devKeyMaterial = DEV_TOKEN_ENCRYPTION_KEY.split(':')[1]!;

/** [variable, bad value, what the message says] for each secret and each way it can be bad. */
const BAD: [string, string, RegExp][] = [
  ['SESSION_SECRET', DEV_SESSION_SECRET, /a development default/],
  ['SESSION_SECRET', 'a'.repeat(64), /too short or predictable/],
  ['SESSION_SECRET', 'abcdabcdabcdabcdabcdabcdabcdabcd', /too short or predictable/],
  ['TOKEN_ENCRYPTION_KEY', DEV_TOKEN_ENCRYPTION_KEY, /a development default/],
  ['TOKEN_ENCRYPTION_KEY', `prod:${devKeyMaterial}`, /a development default/],
  [
    'TOKEN_ENCRYPTION_KEY',
    `${strong.TOKEN_ENCRYPTION_KEY},${DEV_TOKEN_ENCRYPTION_KEY}`,
    /a development default/,
  ],
  ['TOKEN_ENCRYPTION_KEY', `k1:${Buffer.alloc(32, 7).toString('base64')}`, /too predictable/],
  ['STRAVA_VERIFY_TOKEN', 'kneadwise-dev-verify-token', /a development default/],
  ['STRAVA_VERIFY_TOKEN', 'verify-token-1', /too short or predictable/],
  ['STRAVA_VERIFY_TOKEN', 'aaaaaaaaaaaaaaaaaaaaaaaa', /too short or predictable/],
  ['STRAVA_CLIENT_SECRET', DEV_STRAVA_CLIENT_SECRET, /a development default/],
  ['STRAVA_CLIENT_SECRET', 'secret', /too short or predictable/],
];

describe('production refuses known and weak secrets', () => {
  it('when every secret is random, then production loads', () => {
    expect(loadConfig(strong).env).toBe('production');
  });

  it.each(BAD)(
    'when %s is %j, then production refuses naming it and how to generate one',
    (name, value, why) => {
      const message = messageOf({ ...strong, [name]: value });
      expect(message).toMatch(new RegExp(`${name}: is ${why.source}`));
      expect(message).toMatch(/generate new values with: node -e/);
      if (value.length >= 8) expect(message).not.toContain(value);
      // Outside production the development values keep `npm start` working.
      expect(() => loadConfig({ ...strong, NODE_ENV: 'development', [name]: value })).not.toThrow();
    },
  );

  it('when several secrets are development defaults, then one message names every one', () => {
    const message = messageOf({
      ...strong,
      SESSION_SECRET: DEV_SESSION_SECRET,
      TOKEN_ENCRYPTION_KEY: DEV_TOKEN_ENCRYPTION_KEY,
      STRAVA_VERIFY_TOKEN: 'kneadwise-dev-verify-token',
    });
    for (const name of ['SESSION_SECRET', 'TOKEN_ENCRYPTION_KEY', 'STRAVA_VERIFY_TOKEN'])
      expect(message).toContain(`${name}: is a development default`);
    expect(message.match(/generate new values/g)).toHaveLength(1);
  });

  it('when .env.example shows a value for a secret, then that value is on the refused list', () => {
    const example = readFileSync(path.join(__dirname, '../../../.env.example'), 'utf8');
    const published = publishedSecretValues();
    for (const line of example.split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m && (CHECKED_SECRETS as readonly string[]).includes(m[1]!)) expect(published).toContain(m[2]);
    }
  });
});
