import { DEV_SESSION_SECRET, DEV_TOKEN_ENCRYPTION_KEY, envSchema } from './schema';

/** The client secret of the built-in Strava emulator's registered app (development default). */
export const DEV_STRAVA_CLIENT_SECRET = 'emulator-client-secret';

/** The variables whose values let someone act as the service or a user; production checks each. */
export const CHECKED_SECRETS = [
  'SESSION_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'STRAVA_VERIFY_TOKEN',
  'STRAVA_CLIENT_SECRET',
] as const;
export type CheckedSecret = (typeof CHECKED_SECRETS)[number];

/**
 * Least estimated strength, in bits, per secret. The estimate (length x Shannon entropy of the
 * characters) undercounts short random strings, so the floors sit well below what the generator below
 * yields (32 random bytes as base64 estimate at ~190 bits) while refusing words, repeats and keyboards.
 */
const MIN_BITS: Readonly<Record<CheckedSecret, number>> = {
  SESSION_SECRET: 128,
  TOKEN_ENCRYPTION_KEY: 128,
  STRAVA_VERIFY_TOKEN: 64,
  STRAVA_CLIENT_SECRET: 64,
};

export const GENERATE_HINT =
  `generate new values with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"` +
  ` (TOKEN_ENCRYPTION_KEY: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))";` +
  ' STRAVA_CLIENT_SECRET: the one shown at https://www.strava.com/settings/api)';

function schemaDefault(name: keyof typeof envSchema.shape): string | undefined {
  const def = (envSchema.shape[name] as { _zod?: { def?: { defaultValue?: unknown } } })._zod?.def
    ?.defaultValue;
  return typeof def === 'string' ? def : undefined;
}

/**
 * Values published in this repository: the source's development defaults and the schema defaults that
 * .env.example is generated from (a test checks every secret in .env.example is listed here).
 */
export function publishedSecretValues(): ReadonlySet<string> {
  const values = [
    DEV_SESSION_SECRET,
    DEV_TOKEN_ENCRYPTION_KEY,
    DEV_STRAVA_CLIENT_SECRET,
    ...CHECKED_SECRETS.map(schemaDefault),
  ].filter((v): v is string => v !== undefined);
  // A key is published whatever id it is filed under, so compare the key material too.
  return new Set([...values, ...values.map(keyMaterial).filter((v): v is string => v !== null)]);
}

function keyMaterial(entry: string): string | null {
  const m = /^[A-Za-z0-9_-]+:([A-Za-z0-9+/]{43}=)$/.exec(entry);
  return m?.[1] ?? null;
}

/** length x Shannon entropy of the symbol distribution: 0 for "aaaa", ~6 bits/char for random base64. */
export function estimatedEntropyBits(symbols: ArrayLike<number | string>): number {
  const counts = new Map<number | string, number>();
  for (let i = 0; i < symbols.length; i++) counts.set(symbols[i]!, (counts.get(symbols[i]!) ?? 0) + 1);
  let perSymbol = 0;
  for (const n of counts.values()) {
    const p = n / symbols.length;
    perSymbol -= p * Math.log2(p);
  }
  return perSymbol * symbols.length;
}

/** Why a production secret is unacceptable, or null. Never includes the value. */
export function secretProblem(name: CheckedSecret, value: string): string | null {
  const published = publishedSecretValues();
  if (name === 'TOKEN_ENCRYPTION_KEY') {
    for (const entry of value.split(',')) {
      const material = keyMaterial(entry);
      if (published.has(entry) || (material && published.has(material)))
        return 'is a development default published in this repository';
      const bytes = material ? Buffer.from(material, 'base64') : Buffer.alloc(0);
      if (estimatedEntropyBits(bytes) < MIN_BITS[name]) return 'is too predictable (not 32 random bytes)';
    }
    return null;
  }
  if (published.has(value)) return 'is a development default published in this repository';
  if (estimatedEntropyBits([...value]) < MIN_BITS[name]) return 'is too short or predictable';
  return null;
}

/** One line per unacceptable secret among those set, for the ConfigError of a production start. */
export function productionSecretProblems(raw: Record<string, string | undefined>): string[] {
  const lines: string[] = [];
  for (const name of CHECKED_SECRETS) {
    const value = raw[name];
    const problem = value === undefined ? null : secretProblem(name, value);
    if (problem) lines.push(`  ${name}: ${problem} (value hidden)`);
  }
  if (lines.length > 0) lines.push(`  ${GENERATE_HINT}`);
  return lines;
}
