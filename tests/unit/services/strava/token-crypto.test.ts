import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  decryptToken,
  encryptToken,
  envelopeKeyId,
  parseKeyring,
  TokenDecryptError,
} from '../../../../services/strava/token-crypto';

const key = () => randomBytes(32).toString('base64');
const k1 = `k1:${key()}`;
const k2 = `k2:${key()}`;
const slot = { athleteId: '6f1c2a4e-0000-4000-8000-000000000001', column: 'access_token' as const };

describe('token encryption at rest', () => {
  it('when any token is encrypted and decrypted for its own row, then it round-trips exactly', () => {
    const ring = parseKeyring(k1);
    fc.assert(
      fc.property(fc.string({ maxLength: 512 }), fc.uuid(), (plain, athleteId) => {
        const s = { athleteId, column: 'refresh_token' as const };
        expect(decryptToken(ring, encryptToken(ring, plain, s), s)).toBe(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('when the same token is encrypted twice, then the ciphertexts differ (fresh random IV)', () => {
    const ring = parseKeyring(k1);
    expect(encryptToken(ring, 'tok', slot).equals(encryptToken(ring, 'tok', slot))).toBe(false);
  });

  it("when a ciphertext is presented for another athlete's row or the other column, then decryption fails", () => {
    const ring = parseKeyring(k1);
    const env = encryptToken(ring, 'secret-token', slot);
    expect(() =>
      decryptToken(ring, env, { ...slot, athleteId: '6f1c2a4e-0000-4000-8000-000000000002' }),
    ).toThrow(TokenDecryptError);
    expect(() => decryptToken(ring, env, { ...slot, column: 'refresh_token' })).toThrow(TokenDecryptError);
  });

  it('when any single bit of the envelope is flipped, then decryption fails', () => {
    const ring = parseKeyring(k1);
    const env = encryptToken(ring, 'secret-token', slot);
    for (let bit = 0; bit < env.length * 8; bit++) {
      const tampered = Buffer.from(env);
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      expect(() => decryptToken(ring, tampered, slot)).toThrow(TokenDecryptError);
    }
  });

  it('when keys are rotated, then old ciphertexts still decrypt and new writes use the new first key', () => {
    const old = encryptToken(parseKeyring(k1), 'old-token', slot);
    const rotated = parseKeyring(`${k2},${k1}`);
    expect(decryptToken(rotated, old, slot)).toBe('old-token');
    const rewritten = encryptToken(rotated, 'old-token', slot);
    expect([envelopeKeyId(old), envelopeKeyId(rewritten)]).toEqual(['k1', 'k2']);
    expect(() => decryptToken(parseKeyring(k2), old, slot)).toThrow(/not in TOKEN_ENCRYPTION_KEY/);
  });

  it('when the key list is malformed, then parsing fails with a reason', () => {
    expect(() => parseKeyring('k1:short')).toThrow(/32-bytes/);
    expect(() => parseKeyring(`${k1},k1:${key()}`)).toThrow(/twice/);
  });
});
