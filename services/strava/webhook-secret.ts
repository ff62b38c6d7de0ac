import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { listStoredWebhookSecrets } from '../../db/queries/strava-subscription';
import type { Config } from '../config';
import type { Deps } from '../deps';

/**
 * The webhook callback path carries an unguessable secret: Strava's events are unsigned, so knowing the
 * URL is the only thing that separates Strava from anyone else. The secret is STRAVA_WEBHOOK_SECRET when
 * configured, otherwise the one `npm run strava:subscribe` generated and stored with the subscription
 * (`npm run strava:subscribe -- --rotate` replaces it).
 */
export const WEBHOOK_BASE_PATH = '/strava/webhook';

export const webhookPath = (secret: string): string => `${WEBHOOK_BASE_PATH}/${secret}`;

export const webhookCallbackUrl = (config: Config, secret: string): string =>
  `${config.publicUrl}${webhookPath(secret)}`;

/** 32 URL-safe characters (192 bits). */
export const generateWebhookSecret = (): string => randomBytes(24).toString('base64url');

/** Constant-time comparison of secrets of any length (hashing first equalises the lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Stored secrets are re-read at most this often, and at most once a second on a miss (rotation). */
const CACHE_MS = 30_000;
const MISS_RELOAD_MS = 1_000;
const caches = new WeakMap<Deps, { loadedAtMs: number; secrets: string[] }>();

/** True when `given` is the configured or a stored path secret. A forged path costs no more than one read a second. */
export async function isWebhookSecret(deps: Deps, given: string): Promise<boolean> {
  const configured = deps.config.strava.webhookSecret;
  if (configured !== null && sameSecret(given, configured)) return true;
  const now = Date.now();
  let cache = caches.get(deps);
  const matches = (c: { secrets: string[] }) => c.secrets.some((s) => sameSecret(given, s));
  if (
    cache &&
    now - cache.loadedAtMs < CACHE_MS &&
    (matches(cache) || now - cache.loadedAtMs < MISS_RELOAD_MS)
  )
    return matches(cache);
  cache = { loadedAtMs: now, secrets: await listStoredWebhookSecrets(deps.db) };
  caches.set(deps, cache);
  return matches(cache);
}
