/** A minimal cookie jar: name -> value, from Set-Cookie headers (the demo talks to one host only). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The next hop of a redirect, or a readable error naming the step that did not redirect. */
async function redirectOf(res: Response, step: string): Promise<string> {
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location) return new URL(location, res.url).toString();
  const body = (await res.text().catch(() => '')).slice(0, 300);
  throw new Error(`${step} answered HTTP ${res.status} instead of a redirect: ${body}`);
}

/**
 * Connects one emulated athlete to Kneadwise the way a browser would, over HTTP: GET /auth/strava (the
 * session gets its OAuth state) -> the emulator's authorize URL with `emulator_athlete_id` (its
 * non-interactive consent, which redirects at once with a code) -> GET the callback with the session
 * cookie (state check, code exchange, encrypted tokens, backfill queued). Nothing is written around the
 * real path. Not idempotent at Strava (each run spends a new code) but reconnecting is harmless here.
 */
export async function connectAthleteOverHttp(appUrl: string, stravaAthleteId: number): Promise<void> {
  const jar = new CookieJar();
  const go = async (url: string) => {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: jar.header(), accept: 'text/html' },
    });
    jar.store(res);
    return res;
  };
  const authorize = new URL(await redirectOf(await go(`${appUrl}/auth/strava`), 'GET /auth/strava'));
  authorize.searchParams.set('emulator_athlete_id', String(stravaAthleteId));
  const callback = await redirectOf(await go(authorize.toString()), 'the emulator authorize page');
  const done = await go(callback);
  const landing = await redirectOf(done, 'GET /auth/strava/callback');
  if (new URL(landing).pathname.startsWith('/auth/')) {
    throw new Error(`connecting athlete ${stravaAthleteId} ended at ${landing}`);
  }
  await done.body?.cancel();
}
