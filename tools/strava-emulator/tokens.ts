import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from './clock';

export const ACCESS_TOKEN_TTL_S = 6 * 3600;
/** Refreshing returns the same access token while it has more than this left (Strava: 1 h). */
const REUSE_THRESHOLD_S = 3600;
const CODE_TTL_MS = 10 * 60_000;

/** When a refresh hands out a new refresh token (the old one then dies at once). */
export type RefreshRotation = 'always' | 'on-new-access-token' | 'never';

export interface TokenGrant {
  athleteId: number;
  scopes: string[];
}

interface AccessToken extends TokenGrant {
  expiresAtS: number;
  revoked: boolean;
}

interface RefreshToken extends TokenGrant {
  accessToken: string;
  alive: boolean;
}

interface AuthCode extends TokenGrant {
  clientId: string;
  expiresAtMs: number;
  used: boolean;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAtS: number;
}

const token = (): string => randomBytes(20).toString('hex');

/**
 * OAuth state: authorization codes (single use, 10 min), access tokens (6 h), refresh tokens (rotated per
 * `rotation`; a superseded refresh token is invalid immediately) and per-athlete grants. Uses the emulator clock.
 */
export class TokenStore {
  private codes = new Map<string, AuthCode>();
  private access = new Map<string, AccessToken>();
  private refresh = new Map<string, RefreshToken>();
  /** Scopes the athlete currently grants this app; absent = never authorized or deauthorized. */
  readonly grants = new Map<number, string[]>();

  constructor(
    private readonly clock: EmulatorClock,
    public rotation: RefreshRotation = 'always',
  ) {}

  issueCode(athleteId: number, scopes: string[], clientId: string): string {
    const code = token();
    this.codes.set(code, {
      athleteId,
      scopes,
      clientId,
      expiresAtMs: this.clock.now() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  /** Redeems a code once; returns null for unknown, used, expired or other-client codes. */
  exchangeCode(code: string, clientId: string): (TokenPair & TokenGrant) | null {
    const c = this.codes.get(code);
    if (!c || c.used || c.clientId !== clientId || c.expiresAtMs < this.clock.now()) return null;
    c.used = true;
    this.grants.set(c.athleteId, c.scopes);
    return { ...this.newPair(c), athleteId: c.athleteId, scopes: c.scopes };
  }

  /** Strava's refresh rule: same access token if > 1 h left, else a new one; old refresh dies on rotation. */
  refreshTokens(refreshToken: string): TokenPair | null {
    const r = this.refresh.get(refreshToken);
    if (!r || !r.alive) return null;
    const current = this.access.get(r.accessToken);
    const nowS = this.clock.nowS();
    const reuse = current && !current.revoked && current.expiresAtS - nowS > REUSE_THRESHOLD_S;
    const rotate = this.rotation === 'always' || (this.rotation === 'on-new-access-token' && !reuse);
    if (reuse && current && !rotate)
      return { accessToken: r.accessToken, refreshToken, expiresAtS: current.expiresAtS };
    const accessToken = reuse ? r.accessToken : this.newAccess(r);
    const expiresAtS = this.access.get(accessToken)?.expiresAtS ?? nowS;
    if (!rotate) {
      r.accessToken = accessToken;
      return { accessToken, refreshToken, expiresAtS };
    }
    r.alive = false;
    const next = token();
    this.refresh.set(next, { athleteId: r.athleteId, scopes: r.scopes, accessToken, alive: true });
    return { accessToken, refreshToken: next, expiresAtS };
  }

  /** The grant behind a bearer token, or null when it is unknown, expired or revoked. */
  authenticate(accessToken: string): TokenGrant | null {
    const a = this.access.get(accessToken);
    if (!a || a.revoked || a.expiresAtS <= this.clock.nowS()) return null;
    return { athleteId: a.athleteId, scopes: a.scopes };
  }

  /** Kills every token of the athlete and forgets the grant. */
  revokeAthlete(athleteId: number): void {
    for (const a of this.access.values()) if (a.athleteId === athleteId) a.revoked = true;
    for (const r of this.refresh.values()) if (r.athleteId === athleteId) r.alive = false;
    this.grants.delete(athleteId);
  }

  /** Test helper: makes all of an athlete's access tokens expire now (refresh tokens stay valid). */
  expireAccessTokens(athleteId: number): void {
    const nowS = this.clock.nowS();
    for (const a of this.access.values())
      if (a.athleteId === athleteId) a.expiresAtS = Math.min(a.expiresAtS, nowS);
  }

  private newAccess(g: TokenGrant): string {
    const t = token();
    this.access.set(t, { ...g, expiresAtS: this.clock.nowS() + ACCESS_TOKEN_TTL_S, revoked: false });
    return t;
  }

  private newPair(g: TokenGrant): TokenPair {
    const accessToken = this.newAccess(g);
    const refreshToken = token();
    this.refresh.set(refreshToken, { athleteId: g.athleteId, scopes: g.scopes, accessToken, alive: true });
    return { accessToken, refreshToken, expiresAtS: this.clock.nowS() + ACCESS_TOKEN_TTL_S };
  }
}
