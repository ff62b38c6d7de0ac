import { apiGet, connect, postForm, startEmulator, type Running } from './helpers';

const app = { client_id: '1000', client_secret: 'emulator-client-secret' };

describe('strava emulator: OAuth', () => {
  let r: Running;
  let athleteId: number;
  beforeEach(async () => {
    r = await startEmulator();
    athleteId = r.emu.control.createAthlete({ profile: 'marathoner', historyDays: 3, seed: 1 }).id;
  });
  afterEach(() => r.emu.stop());

  it('when the athlete clicks Authorize with one scope unticked, then the redirect carries code, state and only the granted scopes', async () => {
    const query = new URLSearchParams({
      ...{ client_id: '1000' },
      redirect_uri: 'http://localhost:3000/cb?x=1',
      response_type: 'code',
      scope: 'read,activity:read_all,profile:read_all',
      state: 's-1',
    });
    const page = await fetch(`${r.url}/oauth/authorize?${query}`);
    const html = await page.text();
    expect(html).toContain(`data-testid="authorize-${athleteId}"`);
    expect(html).toContain('data-testid="cancel"');
    const form = new URLSearchParams(query);
    form.append('granted', 'activity:read_all');
    form.append('athlete_id', String(athleteId));
    const res = await fetch(`${r.url}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.origin + loc.pathname).toBe('http://localhost:3000/cb');
    expect(loc.searchParams.get('x')).toBe('1');
    expect(loc.searchParams.get('state')).toBe('s-1');
    expect(loc.searchParams.get('scope')).toBe('read,activity:read_all');
    expect(loc.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('when the athlete cancels, then the redirect carries error=access_denied and the state', async () => {
    const form = new URLSearchParams({
      client_id: '1000',
      redirect_uri: 'http://localhost:3000/cb',
      response_type: 'code',
      scope: 'read',
      state: 'abc',
      cancel: '1',
    });
    const res = await fetch(`${r.url}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.headers.get('location')).toBe('http://localhost:3000/cb?state=abc&error=access_denied');
  });

  it("when a code is exchanged, then Strava's token shape with a 6 h token and a summary athlete comes back, once", async () => {
    const code = r.emu.control.authorize({ athleteId, scopes: ['read', 'activity:read'] });
    const res = await postForm(`${r.url}/oauth/token`, { ...app, code, grant_type: 'authorization_code' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      'token_type',
      'access_token',
      'expires_at',
      'expires_in',
      'refresh_token',
      'athlete',
    ]);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.body.expires_in).toBe(21600);
    expect(res.body.expires_at).toBe(Date.parse('2026-03-02T10:03:00Z') / 1000 + 21600);
    expect(res.body.athlete).toMatchObject({ id: athleteId, resource_state: 2 });
    const again = await postForm(`${r.url}/oauth/token`, { ...app, code, grant_type: 'authorization_code' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      message: 'Bad Request',
      errors: [{ resource: 'AuthorizationCode', field: 'code', code: 'invalid' }],
    });
  });

  it("when the client secret is wrong, then 400 with Strava's error body (JSON request body accepted too)", async () => {
    const res = await fetch(`${r.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: '1000',
        client_secret: 'nope',
        code: 'x',
        grant_type: 'authorization_code',
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: 'Bad Request',
      errors: [{ resource: 'Application', field: 'client_secret', code: 'invalid' }],
    });
  });

  it('when refreshing, then the refresh token rotates, the old one dies at once, and the access token is reused only while > 1 h remains', async () => {
    const t = await connect(r, athleteId);
    const first = await postForm(`${r.url}/oauth/token`, {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token,
    });
    expect(first.status).toBe(200);
    expect(first.body.athlete).toBeUndefined();
    expect(first.body.access_token).toBe(t.access_token);
    expect(first.body.refresh_token).not.toBe(t.refresh_token);
    const old = await postForm(`${r.url}/oauth/token`, {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token,
    });
    expect(old.status).toBe(400);
    expect(old.body.errors[0]).toEqual({ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' });
    r.emu.clock.advance(5.5 * 3600_000);
    const second = await postForm(`${r.url}/oauth/token`, {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
    });
    expect(second.body.access_token).not.toBe(t.access_token);
    expect(second.body.expires_in).toBe(21600);
    expect((await apiGet(r, '/athlete', t.access_token)).status).toBe(200);
    r.emu.clock.advance(0.5 * 3600_000);
    expect((await apiGet(r, '/athlete', t.access_token)).status).toBe(401);
    expect((await apiGet(r, '/athlete', second.body.access_token)).status).toBe(200);
  });

  it("when the app deauthorizes, then every token of the athlete gets 401 with Strava's body", async () => {
    const t = await connect(r, athleteId);
    const res = await postForm(`${r.url}/oauth/deauthorize`, { access_token: t.access_token });
    expect(res.status).toBe(200);
    const after = await apiGet(r, '/athlete', t.access_token);
    expect(after.status).toBe(401);
    expect(after.body).toEqual({
      message: 'Authorization Error',
      errors: [{ resource: 'Athlete', field: 'access_token', code: 'invalid' }],
    });
    const refresh = await postForm(`${r.url}/oauth/token`, {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token,
    });
    expect(refresh.status).toBe(400);
  });
});
