import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a link may do; each purpose has its own key, so a token for one never verifies as another. */
export type LinkPurpose = 'rpe' | 'unsubscribe' | 'confirm-email';

/** How long each kind of link works, in seconds. Unsubscribe links must outlive the email they are in. */
export const LINK_TTL_S: Readonly<Record<LinkPurpose, number>> = {
  rpe: 14 * 86_400,
  unsubscribe: 180 * 86_400,
  'confirm-email': 48 * 3600,
};

export interface LinkClaims {
  purpose: LinkPurpose;
  /** Whom the link acts for: an athlete id (rpe, athlete unsubscribe) or a user id. */
  subject: string;
  /** Purpose-specific value, e.g. `<activityId>:<score>`, `athlete`, `coach:<athleteId>`, an address. */
  value: string;
  /** Random id; single-use purposes record it in `used_link` when spent. */
  nonce: string;
  /** Expiry, seconds since the epoch. */
  expiresAtS: number;
}

export type VerifyResult =
  { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

function keyFor(secret: string, purpose: LinkPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kneadwise-signed-links-v1', `link:${purpose}`, 32));
}

function mac(secret: string, purpose: LinkPurpose, body: string): Buffer {
  return createHmac('sha256', keyFor(secret, purpose)).update(body).digest();
}

/**
 * Signs a link token: base64url(JSON claims) "." base64url(HMAC-SHA256). The key is derived from
 * SESSION_SECRET with HKDF per purpose. Tokens carry only ids, never personal data beyond an address
 * the recipient already knows. Pure apart from the random nonce (pass one to make it deterministic).
 */
export function signLink(
  secret: string,
  input: {
    purpose: LinkPurpose;
    subject: string;
    value: string;
    nowMs: number;
    nonce?: string;
    ttlS?: number;
  },
): string {
  const claims: LinkClaims = {
    purpose: input.purpose,
    subject: input.subject,
    value: input.value,
    nonce: input.nonce ?? randomBytes(12).toString('base64url'),
    expiresAtS: Math.floor(input.nowMs / 1000) + (input.ttlS ?? LINK_TTL_S[input.purpose]),
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, input.purpose, body).toString('base64url')}`;
}

/**
 * Verifies a token for `purpose` at `nowMs`: signature (constant-time), purpose and expiry. Never throws
 * on hostile input. Single use is the caller's job (the `used_link` table), since it needs the database.
 */
export function verifyLink(
  secret: string,
  purpose: LinkPurpose,
  token: unknown,
  nowMs: number,
): VerifyResult {
  if (
    typeof token !== 'string' ||
    token.length > 2048 ||
    !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/.test(token)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const [body = '', sig = ''] = token.split('.');
  // Compare the canonical text, not decoded bytes: base64url's last character has spare bits, so
  // several spellings decode to the same MAC and a tampered token would otherwise still verify.
  const expected = Buffer.from(mac(secret, purpose, body).toString('base64url'));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.purpose !== purpose || typeof claims.subject !== 'string' || typeof claims.value !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.expiresAtS !== 'number' || claims.expiresAtS * 1000 <= nowMs)
    return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** Absolute URL of an email link route carrying a token. */
export function linkUrl(
  publicUrl: string,
  path: '/email/rpe' | '/email/unsubscribe' | '/email/confirm',
  token: string,
): string {
  return `${publicUrl}${path}?t=${encodeURIComponent(token)}`;
}
