/**
 * A same-origin path only: "/x", never "//host", "/\host" (browsers read a backslash as a slash, so
 * "/\evil.example" leaves the site), no whitespace or control characters. Used for every redirect target
 * a visitor can choose (login `next`, Strava `returnTo`), so none becomes an open redirect (ASVS 3.7.2).
 */
export function localPath(v: unknown): string | undefined {
  return typeof v === 'string' && /^\/(?![/\\])[^\s\\\p{Cc}]{0,500}$/u.test(v) ? v : undefined;
}
