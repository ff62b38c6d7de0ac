import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Strava tokens at rest: AES-256-GCM with a random 96-bit IV per encryption, a key id for rotation and
 * additional authenticated data binding the ciphertext to its athlete row and column, so a ciphertext
 * copied to another athlete (or from the refresh to the access column) fails to decrypt.
 *
 * Envelope (bytea), version 1: [0x01][keyId length][keyId utf8][iv 12][tag 16][ciphertext].
 * Rotation: put the new key first in TOKEN_ENCRYPTION_KEY ("k2:...,k1:..."); every later write (each token
 * refresh, each reconnect) re-encrypts with it, while k1 keeps decrypting rows not yet rewritten.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface TokenKeyring {
  /** The key that encrypts (the first one listed). */
  primaryKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** Which row and column a ciphertext belongs to (the AAD). */
export interface TokenSlot {
  athleteId: string;
  column: 'access_token' | 'refresh_token';
}

/** A ciphertext that is tampered, moved to another row, or encrypted with an unknown key. */
export class TokenDecryptError extends Error {
  override name = 'TokenDecryptError';
}

/** Parses config.tokenEncryptionKeys, "kid:base64(32 bytes)[,kid2:base64]"; the first key encrypts. */
export function parseKeyring(spec: string): TokenKeyring {
  const keys = new Map<string, Buffer>();
  let primaryKeyId: string | undefined;
  for (const part of spec.split(',')) {
    const [id, b64] = part.trim().split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || key.length !== KEY_BYTES)
      throw new Error('TOKEN_ENCRYPTION_KEY entries must be "keyId:base64-of-32-bytes"');
    if (keys.has(id)) throw new Error(`TOKEN_ENCRYPTION_KEY lists key id "${id}" twice`);
    keys.set(id, key);
    primaryKeyId ??= id;
  }
  if (!primaryKeyId) throw new Error('TOKEN_ENCRYPTION_KEY has no key');
  return { primaryKeyId, keys };
}

const aad = (slot: TokenSlot, keyId: string): Buffer =>
  Buffer.from(`kneadwise:strava-token:v${VERSION}:${keyId}:${slot.athleteId}:${slot.column}`, 'utf8');

/** Encrypts with the primary key and a fresh random IV. */
export function encryptToken(keyring: TokenKeyring, plaintext: string, slot: TokenSlot): Buffer {
  return sealWithAad(keyring, plaintext, (keyId) => aad(slot, keyId));
}

/**
 * AES-256-GCM with the primary key, a fresh IV and additional authenticated data naming where the
 * ciphertext belongs (`aadOf(keyId)`); the same envelope as the tokens. Other secrets at rest (the links
 * of queued emails) use it with their own AAD.
 */
export function sealWithAad(
  keyring: TokenKeyring,
  plaintext: string,
  aadOf: (keyId: string) => string | Buffer,
): Buffer {
  const keyId = keyring.primaryKeyId;
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error('primary token key missing from keyring');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aadOf(keyId)));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const kid = Buffer.from(keyId, 'utf8');
  return Buffer.concat([Buffer.from([VERSION, kid.length]), kid, iv, cipher.getAuthTag(), ciphertext]);
}

/** The key id an envelope was encrypted with (to spot rows still on an old key). */
export function envelopeKeyId(envelope: Buffer): string {
  return splitEnvelope(envelope).keyId;
}

/** Decrypts with whichever key the envelope names; throws TokenDecryptError on any mismatch or tampering. */
export function decryptToken(keyring: TokenKeyring, envelope: Buffer, slot: TokenSlot): string {
  return openWithAad(keyring, envelope, (keyId) => aad(slot, keyId));
}

/** Opens a sealWithAad envelope; throws TokenDecryptError when tampered, moved, or the key is unknown. */
export function openWithAad(
  keyring: TokenKeyring,
  envelope: Buffer,
  aadOf: (keyId: string) => string | Buffer,
): string {
  const { keyId, iv, tag, ciphertext } = splitEnvelope(envelope);
  const key = keyring.keys.get(keyId);
  if (!key)
    throw new TokenDecryptError(`token encrypted with key "${keyId}", which is not in TOKEN_ENCRYPTION_KEY`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aadOf(keyId)));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenDecryptError('token ciphertext failed authentication (tampered, or not this row)');
  }
}

function splitEnvelope(envelope: Buffer) {
  if (envelope.length < 2 || envelope[0] !== VERSION)
    throw new TokenDecryptError('unknown token envelope version');
  const kidLength = envelope[1] ?? 0;
  const ivStart = 2 + kidLength;
  const tagStart = ivStart + IV_BYTES;
  const ctStart = tagStart + TAG_BYTES;
  if (kidLength === 0 || envelope.length < ctStart) throw new TokenDecryptError('truncated token envelope');
  return {
    keyId: envelope.subarray(2, ivStart).toString('utf8'),
    iv: envelope.subarray(ivStart, tagStart),
    tag: envelope.subarray(tagStart, ctStart),
    ciphertext: envelope.subarray(ctStart),
  };
}
