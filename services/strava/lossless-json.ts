import { cleaningReviver } from './clean-text';

/**
 * JSON parsing that never rounds Strava's 64-bit ids. `JSON.parse` turns 9007199254740993 into
 * 9007199254740992; strava-v3's json-bigint turns it into a BigNumber object. Here every integer literal
 * that is not a safe JavaScript integer becomes a decimal string with its exact digits; all other values
 * parse exactly as JSON.parse would. Callers then normalise id fields with `toIdString`.
 */
export function parseJsonLossless(text: string): unknown {
  // Every string Strava sends is made storable here, at the edge (clean-text.ts: no NUL, no lone surrogates).
  return JSON.parse(quoteUnsafeIntegers(text), cleaningReviver);
}

/**
 * Rewrites the JSON text so unsafe integer literals are quoted. A small scanner (not a regex), so digits
 * inside strings are never touched. Invalid JSON stays invalid and JSON.parse reports it.
 */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = skipString(text, i);
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const end = numberEnd(text, i);
      const literal = text.slice(i, end);
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copiedUpTo, i)}"${literal}"`;
        copiedUpTo = end;
      }
      i = end;
      continue;
    }
    i++;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** Index just past the closing quote of the string starting at `start` (escapes honoured). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

function numberEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && /[0-9eE.+-]/.test(text.charAt(i))) i++;
  return i;
}

/**
 * A Strava id as a decimal string, from whatever the wire gave us (safe number, exact string, bigint).
 * Throws on anything else, so a malformed id never becomes "undefined" or "1.2e+21".
 */
export function toIdString(value: unknown): string {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'bigint' && value >= 0n) return value.toString();
  throw new Error(`not a Strava id: ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`);
}
