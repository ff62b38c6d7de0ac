import fc from 'fast-check';
import {
  parseJsonLossless,
  quoteUnsafeIntegers,
  toIdString,
} from '../../../../services/strava/lossless-json';

describe('lossless JSON for 64-bit Strava ids', () => {
  it('when an id exceeds 2^53, then it is kept digit for digit as a string', () => {
    const v = parseJsonLossless(
      '{"id":9007199254740993,"athlete":{"id":18446744073709551615},"n":-9223372036854775808}',
    );
    expect(v).toEqual({
      id: '9007199254740993',
      athlete: { id: '18446744073709551615' },
      n: '-9223372036854775808',
    });
  });

  it('when no integer exceeds 2^53, then any JSON parses exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!/(^|[^\d.eE+-])-?\d{16,}(?![\d.eE])/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')));
        expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('when digits appear inside strings, then they are never touched', () => {
    const text = '{"name":"9007199254740993 km \\" 12345678901234567890","id":1}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });

  it('when any big integer is embedded, then the exact digits come back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
        const v = parseJsonLossless(`[${n.toString()}]`) as unknown[];
        expect(toIdString(v[0])).toBe(n.toString());
      }),
    );
  });

  it('when an id is not a non-negative integer, then toIdString refuses it', () => {
    for (const bad of [1.5, -1, 'abc', '', null, undefined, 2 ** 60, {}])
      expect(() => toIdString(bad)).toThrow(/not a Strava id/);
  });
});
