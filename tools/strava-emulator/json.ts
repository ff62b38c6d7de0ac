/**
 * JSON writing and reading that keep 64-bit Strava ids exact. Ids are `bigint` inside the emulator and are
 * written as bare JSON numbers with all their digits (as Strava does), which JSON.stringify cannot do alone.
 */
const SENTINEL = '\u0000bigint:';
const SENTINEL_RE = /"\\u0000bigint:(-?\d+)"/g;

/** Serializes `value`; every bigint becomes a bare integer literal with its exact digits. */
export function stringifyJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'bigint' ? `${SENTINEL}${v.toString()}` : v),
    indent,
  );
  return text.replace(SENTINEL_RE, '$1');
}

const UNSAFE_INT_RE = /([:,[]\s*)(-?\d{16,})(?=\s*[,}\]])/g;

/**
 * Parses JSON, turning integer literals that do not fit a double exactly (> 2^53) into bigint.
 * Only for the emulator's own control inputs and tests; it is a textual pre-pass, not a full parser,
 * so 16+ digit integers inside strings that look like `:1234…,` could be touched — acceptable here.
 */
export function parseJsonExact(text: string): unknown {
  const marked = text.replace(UNSAFE_INT_RE, (m, pre: string, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? m : `${pre}"\\u0000bigint:${digits}"`,
  );
  return JSON.parse(marked, (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(SENTINEL) ? BigInt(v.slice(SENTINEL.length)) : v,
  );
}

/** Parses an id given as number, numeric string or bigint; throws on anything else. */
export function toBigIntId(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  throw new Error(`not an id: ${String(value)}`);
}
