/**
 * Text hygiene for e-mail. Subjects and other header values must never carry CR/LF (header injection,
 * reliability.md 5.1); names and activity titles are athlete-controlled and may contain anything.
 * HTML escaping is not done here: Handlebars auto-escapes every `{{value}}` in the HTML templates.
 */

/**
 * C0/C1 controls, DEL, line/paragraph separators, zero-width space, direction marks, bidi embeddings/overrides/
 * isolates and BOM. ZWJ/ZWNJ (U+200C/D) stay: emoji sequences and several scripts need them.
 */
const INVISIBLE_OR_CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Whitespace-like controls that should become a space rather than vanish. */
const BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;
/** Unpaired UTF-16 surrogates (invalid Unicode; some mailers choke on them). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cap at `maxLength` code points (never splitting a surrogate pair), ending with "…" when cut. */
function capCodePoints(text: string, maxLength: number): string {
  const points = Array.from(text);
  if (points.length <= maxLength) return text;
  return `${points
    .slice(0, Math.max(0, maxLength - 1))
    .join('')
    .trimEnd()}…`;
}

/**
 * One line of plain text: line breaks and tabs become spaces, other control/invisible characters are removed,
 * runs of spaces collapse, the ends are trimmed, and the result is capped at `maxLength` code points.
 */
export function sanitizeInlineText(text: string, maxLength = 500): string {
  const cleaned = String(text)
    .replace(BREAKS, ' ')
    .replace(INVISIBLE_OR_CONTROL, '')
    .replace(LONE_SURROGATE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return capCodePoints(cleaned, maxLength);
}

/** Default cap for subjects: long enough for a headline, short enough for every client. */
export const MAX_SUBJECT_LENGTH = 120;

/**
 * A value safe to put in a mail header such as Subject: no CR, LF or other control characters, no bidi
 * overrides, one line, at most `maxLength` code points (default 120).
 */
export function sanitizeHeaderText(text: string, maxLength = MAX_SUBJECT_LENGTH): string {
  return sanitizeInlineText(text, maxLength);
}

/**
 * Returns `url` unchanged if it is an absolute http(s) URL with no whitespace or control characters; throws
 * otherwise. Links are inputs signed by the caller, so a bad one is a programming error, not user input.
 */
export function assertHttpUrl(url: string): string {
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\s\u0000-\u001F\u007F-\u009F]/.test(url))
    throw new Error('link contains whitespace or control characters');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('link is not an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('link must be http(s)');
  return url;
}
