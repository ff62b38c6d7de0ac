import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cleanJson } from './clean-text';

/**
 * Strava's webhook event, checked strictly. Strava does not sign events, so the body is only a hint: the
 * ids are taken from it and every fact is re-fetched with the athlete's own token.
 *
 * Ids are 64-bit: `JSON.parse` would silently round an id above 2^53, so the body is parsed here with a
 * small lossless parser that keeps every integer literal as a bigint. An id must be a whole number from 1
 * to 2^63-1 (PostgreSQL bigint) and is kept exact as a decimal string; anything else (a fraction, an
 * exponent, a quoted number, a value past 2^63-1) is rejected with a reason, never rounded.
 */

const INT64_MAX = 2n ** 63n - 1n;
const MAX_DEPTH = 8;

/** The body is not valid JSON (or nests deeper than an event ever does). */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

const id64 = z
  .bigint({ error: 'must be a whole number' })
  .min(1n, { error: 'must be a positive 64-bit id' })
  .max(INT64_MAX, { error: 'must fit a signed 64-bit integer' })
  .transform((v) => v.toString());

const updateValue = z.union([z.string().max(255), z.boolean().transform((b) => String(b))]);

export const webhookEventSchema = z.object({
  object_type: z.enum(['activity', 'athlete']),
  object_id: id64,
  aspect_type: z.enum(['create', 'update', 'delete']),
  owner_id: id64,
  subscription_id: id64,
  /** Epoch seconds on Strava's clock. */
  event_time: z
    .bigint({ error: 'must be whole epoch seconds' })
    .min(0n)
    .max(BigInt(Number.MAX_SAFE_INTEGER))
    .transform((v) => Number(v)),
  updates: z
    .record(z.string().max(64), updateValue)
    .refine((u) => Object.keys(u).length <= 16, { error: 'too many keys' })
    .default({}),
});

/** A validated event: ids as exact decimal strings, `event_time` in epoch seconds, update values as strings. */
export type WebhookEvent = z.output<typeof webhookEventSchema>;

export type ParseResult =
  | { ok: true; event: WebhookEvent }
  | { ok: false; reason: string; issues?: { path: string; message: string }[] };

/** Parses and validates a raw body. Never throws; never echoes the offending values back. */
export function parseWebhookEvent(body: string): ParseResult {
  let json: unknown;
  try {
    json = parseJsonLossless(body);
  } catch (err) {
    return { ok: false, reason: `Malformed JSON: ${(err as Error).message}` };
  }
  const parsed = webhookEventSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(body)',
      message: i.message,
    }));
    return { ok: false, reason: 'Not a Strava webhook event', issues };
  }
  // Update values and keys are free text (titles): NUL removed, lone surrogates replaced (clean-text.ts),
  // so PostgreSQL's jsonb accepts them and the event is stored rather than answered with a 5xx.
  return { ok: true, event: { ...parsed.data, updates: cleanJson(parsed.data.updates) } };
}

/**
 * The inbox key: SHA-256 of the canonical whole event (fixed field order, sorted update keys). Strava's
 * retries repeat the event exactly, so a retry maps to the same key; any differing field is a new event.
 */
export function webhookDedupKey(e: WebhookEvent): string {
  const updates = Object.keys(e.updates)
    .sort()
    .map((k) => [k, e.updates[k]]);
  const canonical = JSON.stringify([
    e.subscription_id,
    e.object_type,
    e.object_id,
    e.aspect_type,
    e.owner_id,
    e.event_time,
    updates,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** True for Strava's deauthorization event (`authorized: "false"`, a boolean `false` is accepted too). */
export function isDeauthorization(e: WebhookEvent): boolean {
  return e.object_type === 'athlete' && e.updates.authorized === 'false';
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * A strict JSON parser that returns integer literals as bigint (exact) and other numbers as number.
 * Objects have no prototype (a `__proto__` key is just a key), duplicate keys are an error, and nesting
 * is capped (an event is two levels deep). Strings are decoded by JSON.parse on their own slice.
 */
export function parseJsonLossless(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at position ${i}`);
  };
  const skipWs = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t'))
      i++;
  };
  const literal = (word: string, v: unknown): unknown =>
    text.startsWith(word, i) ? ((i += word.length), v) : fail('unexpected token');
  const str = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('control character in string');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('bad escape in string');
    }
  };
  const num = (): bigint | number => {
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(text);
    if (!m) return fail('unexpected token');
    i += m[0].length;
    return m[1] === undefined && m[2] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skipWs();
    switch (text.charAt(i)) {
      case '{':
        return obj(depth);
      case '[':
        return arr(depth);
      case '"':
        return str();
      case 't':
        return literal('true', true);
      case 'f':
        return literal('false', false);
      case 'n':
        return literal('null', null);
      default:
        return num();
    }
  };
  const obj = (depth: number): Record<string, unknown> => {
    const out = Object.create(null) as Record<string, unknown>;
    i++;
    skipWs();
    if (text[i] === '}') return (i++, out);
    for (;;) {
      skipWs();
      if (text[i] !== '"') fail('expected a key');
      const key = str();
      if (Object.prototype.hasOwnProperty.call(out, key)) fail('duplicate key');
      skipWs();
      if (text[i++] !== ':') fail('expected ":"');
      out[key] = value(depth + 1);
      skipWs();
      const c = text[i++];
      if (c === '}') return out;
      if (c !== ',') fail('expected "," or "}"');
    }
  };
  const arr = (depth: number): unknown[] => {
    const out: unknown[] = [];
    i++;
    skipWs();
    if (text[i] === ']') return (i++, out);
    for (;;) {
      out.push(value(depth + 1));
      skipWs();
      const c = text[i++];
      if (c === ']') return out;
      if (c !== ',') fail('expected "," or "]"');
    }
  };
  const result = value(0);
  skipWs();
  if (i < text.length) fail('trailing characters');
  return result;
}
