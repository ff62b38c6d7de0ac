import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { cpus } from 'node:os';
import { AppError } from '../errors';

/**
 * scrypt parameters: OWASP's Password Storage Cheat Sheet minimum, N=2^17, r=8, p=1 (ASVS 11.4.2). One
 * hash takes ~0.8 s of one core and 128 MiB (128 * N * r bytes) on the reference box. Every hash stores
 * its parameters, so an account hashed with older ones (N=2^15 before issue 15) is re-hashed at its next
 * successful login (coach-accounts.ts).
 */
export const SCRYPT_PARAMS = { logN: 17, r: 8, p: 1, keyLen: 32, saltLen: 16 } as const;
/** Node refuses scrypt above `maxmem`: room for the largest parameters we verify (2^17 needs 128 MiB). */
const MAX_MEM_BYTES = 256 * 1024 * 1024;

/**
 * At most this many hashes run at once (CPU and memory DoS guard: each holds 128 MiB); more wait in a
 * short queue, beyond it 503.
 */
const MAX_CONCURRENT = Math.max(2, cpus().length);
const MAX_WAITING = 64;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) {
    if (waiting.length >= MAX_WAITING)
      throw new AppError('unavailable', 'Too many sign-ins at once: try again in a moment');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function scryptAsync(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a password: `$scrypt$ln=17,r=8,p=1$<salt b64>$<key b64>`. Bounded concurrency (see above). */
export async function hashPassword(password: string): Promise<string> {
  const { logN, r, p, keyLen, saltLen } = SCRYPT_PARAMS;
  const salt = randomBytes(saltLen);
  const key = await withHashSlot(() =>
    scryptAsync(password, salt, keyLen, { N: 2 ** logN, r, p, maxmem: MAX_MEM_BYTES }),
  );
  return `$scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(
    stored,
  );
  if (!m) return null;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < 10 || logN > 20 || r < 1 || p < 1) return null;
  if (128 * 2 ** logN * r > MAX_MEM_BYTES) return null; // would be refused by scrypt (or exhaust memory)
  return { logN, r, p, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

/** Verifies in constant time. A malformed stored hash verifies as false (never throws on bad data). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const { logN, r, p, salt, key } = parsed;
  const actual = await withHashSlot(() =>
    scryptAsync(password, salt, key.length, { N: 2 ** logN, r, p, maxmem: MAX_MEM_BYTES }),
  );
  return timingSafeEqual(actual, key);
}

/** True when a stored hash uses weaker parameters than today's: re-hash it after a successful login. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed || parsed.logN < SCRYPT_PARAMS.logN || parsed.r < SCRYPT_PARAMS.r || parsed.p < SCRYPT_PARAMS.p
  );
}

/** A valid hash of a random password: login spends the same time whether or not the account exists. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
