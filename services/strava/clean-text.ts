/**
 * Text from outside (Strava's API, webhook bodies) made storable. PostgreSQL refuses two things valid
 * JavaScript strings can hold: U+0000 (in `text` and, as the escape \u0000, in `jsonb`) and lone UTF-16
 * surrogates (an escape like \ud800 without its pair is not a character; `jsonb` rejects it). So, at
 * the edge: NUL characters are removed (they carry no meaning in a title) and a lone surrogate becomes
 * U+FFFD, the replacement character, as any UTF-8 decoder would show it. Everything else, including
 * other control characters, emoji and right-to-left text, is kept as sent; pages and emails escape it.
 */

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string PostgreSQL stores as is: no NUL, no lone surrogates. Idempotent. */
export function cleanText(s: string): string {
  return s.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** True when `cleanText` would change `s` (cheap check, so clean strings are not copied). */
function needsCleaning(s: string): boolean {
  return NEEDS_CLEANING.test(s);
}

/**
 * `cleanText` applied to every string and object key of a JSON-like value, for `jsonb` columns. Returns
 * the same object when nothing needed cleaning. Keys that collide after cleaning keep the last value.
 */
export function cleanJson<T>(value: T): T {
  return cleanValue(value) as T;
}

function cleanValue(v: unknown): unknown {
  if (typeof v === 'string') return needsCleaning(v) ? cleanText(v) : v;
  if (Array.isArray(v)) {
    const out = v.map(cleanValue);
    return out.some((x, i) => x !== v[i]) ? out : v;
  }
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v as Record<string, unknown>);
  let changed = false;
  const cleaned = entries.map(([k, x]) => {
    const key = needsCleaning(k) ? cleanText(k) : k;
    const val = cleanValue(x);
    if (key !== k || val !== x) changed = true;
    return [key, val] as const;
  });
  if (!changed) return v;
  // defineProperty, not assignment: a "__proto__" key stays a plain key.
  const out = Object.create(Object.getPrototypeOf(v) === null ? null : Object.prototype) as object;
  for (const [key, val] of cleaned)
    Object.defineProperty(out, key, { value: val, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A JSON.parse reviver that cleans every string value and key as it is parsed. */
export function cleaningReviver(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return needsCleaning(value) ? cleanText(value) : value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.some(needsCleaning)) return cleanValue(value);
  }
  return value;
}
