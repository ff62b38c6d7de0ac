import fc from 'fast-check';
import {
  assertHttpUrl,
  MAX_SUBJECT_LENGTH,
  sanitizeHeaderText,
  sanitizeInlineText,
} from '../../../../services/notify/render';

describe('sanitizeHeaderText', () => {
  it.each([
    ['Hi\r\nBcc: evil@example.com', 'Hi Bcc: evil@example.com'],
    ['tab\there', 'tab here'],
    ['nul\u0000byte', 'nulbyte'],
    ['line\u2028sep\u2029para', 'line sep para'],
    ['bidi \u202Egnp.exe', 'bidi gnp.exe'],
    ['zero\u200Bwidth', 'zerowidth'],
    ['  many    spaces  ', 'many spaces'],
    ['Zoë 🏃\u200D♀️ Łódź', 'Zoë 🏃\u200D♀️ Łódź'],
  ])('when given %j, then it returns %j', (input, expected) => {
    expect(sanitizeHeaderText(input)).toBe(expected);
  });

  it('when the text is too long, then it is capped with an ellipsis without splitting a surrogate pair', () => {
    const capped = sanitizeHeaderText('🏃'.repeat(200));
    expect(Array.from(capped)).toHaveLength(MAX_SUBJECT_LENGTH);
    expect(capped.endsWith('…')).toBe(true);
    expect(capped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('when fuzzed with arbitrary unicode, then the result has no CR, LF or control character and fits the cap', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 1, max: 200 }),
        (text, cap) => {
          const out = sanitizeHeaderText(text, cap);
          // eslint-disable-next-line no-control-regex -- asserting control characters are absent
          expect(out).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/);
          expect(Array.from(out).length).toBeLessThanOrEqual(cap);
          expect(sanitizeHeaderText(out, cap)).toBe(out);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('sanitizeInlineText', () => {
  it('when a name is only control characters, then it becomes empty', () => {
    expect(sanitizeInlineText('\r\n\u0007\u202E')).toBe('');
  });

  it('when given a lone surrogate, then it is removed', () => {
    expect(sanitizeInlineText('a\uD800b')).toBe('ab');
  });
});

describe('assertHttpUrl', () => {
  it.each(['https://k.example/u/abc?x=1&y=2', 'http://localhost:3000/c'])(
    'when given %s, then it is returned unchanged',
    (url) => {
      expect(assertHttpUrl(url)).toBe(url);
    },
  );

  it.each([
    'javascript:alert(1)',
    'data:text/html,<b>',
    '/relative',
    'https://k.example/\r\nBcc:x',
    'https://k.example/ a',
    'mailto:a@b.c',
  ])('when given %j, then it throws', (url) => {
    expect(() => assertHttpUrl(url)).toThrow();
  });
});
