import { apiGet, connect, startEmulator, type Running } from './helpers';

describe('strava emulator: rate limits', () => {
  let r: Running;
  let token: string;
  beforeEach(async () => {
    r = await startEmulator({
      rateLimits: { overall15Min: 6, overallDaily: 9, read15Min: 4, readDaily: 1000 },
    });
    const athleteId = r.emu.control.createAthlete({ profile: 'marathoner', seed: 5 }).id;
    token = (await connect(r, athleteId)).access_token;
  });
  afterEach(() => r.emu.stop());

  it('when requests arrive, then every API response carries the four "15min,daily" headers, errors included', async () => {
    const ok = await apiGet(r, '/athlete', token);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('6,9');
    expect(ok.headers.get('x-ratelimit-usage')).toBe('1,1');
    expect(ok.headers.get('x-readratelimit-limit')).toBe('4,1000');
    expect(ok.headers.get('x-readratelimit-usage')).toBe('1,1');
    const unauthorized = await apiGet(r, '/athlete', 'bogus');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-ratelimit-usage')).toBe('2,2');
  });

  it("when the read limit is exceeded, then 429 with Strava's body, still counted, until the next quarter-hour", async () => {
    for (let i = 0; i < 4; i++) expect((await apiGet(r, '/athlete', token)).status).toBe(200);
    const over = await apiGet(r, '/athlete', token);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({
      message: 'Rate Limit Exceeded',
      errors: [{ resource: 'Application', field: 'rate limit', code: 'exceeded' }],
    });
    expect(over.headers.get('x-readratelimit-usage')).toBe('5,5');
    r.emu.clock.advance(11 * 60_000); // 10:03 -> 10:14, same window
    expect((await apiGet(r, '/athlete', token)).status).toBe(429);
    r.emu.clock.advance(60_000); // 10:15: new window
    const fresh = await apiGet(r, '/athlete', token);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-usage')).toBe('1,7');
    expect(r.emu.control.countCalls({ path: '/api/v3/athlete', status: 429 })).toBe(2);
  });

  it('when the daily limit is exhausted, then only UTC midnight of the emulator clock resets it', async () => {
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 3; k++) await apiGet(r, '/athlete', token);
      r.emu.clock.advance(15 * 60_000);
    }
    expect((await apiGet(r, '/athlete', token)).status).toBe(429);
    r.emu.clock.set(Date.parse('2026-03-03T00:00:00Z'));
    const fresh = await connect(r, r.emu.control.athletes()[0]!.id);
    const next = await apiGet(r, '/athlete', fresh.access_token);
    expect(next.status).toBe(200);
    expect(next.headers.get('x-ratelimit-usage')).toBe('1,1');
  });

  it('when failures are injected, then 500s come back with a JSON body and are marked in the log', async () => {
    r.emu.control.setFailures({ errorRate: 1 });
    const res = await apiGet(r, '/athlete', token);
    expect(res.status).toBe(500);
    expect(r.emu.control.requestLog({ status: 500 })[0]).toMatchObject({
      injected: true,
      kind: 'read',
      path: '/api/v3/athlete',
    });
    r.emu.control.setFailures({ errorRate: 0, timeoutRate: 1, hangMs: 100 });
    await expect(
      fetch(`${r.url}/api/v3/athlete`, { headers: { authorization: `Bearer ${token}` } }),
    ).rejects.toThrow();
  });

  it('when 5xx statuses and 429s are injected, then they come from the configured statuses with Strava bodies and headers', async () => {
    r.emu.control.setRateLimits({ overall15Min: 1000, overallDaily: 1000, read15Min: 1000 });
    r.emu.control.setFailures({ errorRate: 1, errorStatuses: [502, 503] });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) statuses.add((await apiGet(r, '/athlete', token)).status);
    expect([...statuses].sort()).toEqual([502, 503]);
    r.emu.control.setFailures({ errorRate: 0, rateLimitRate: 1 });
    const limited = await apiGet(r, '/athlete', token);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ message: 'Rate Limit Exceeded' });
    expect(limited.headers.get('x-ratelimit-usage')).not.toBeNull();
    expect(r.emu.control.requestLog({ status: 429 })[0]).toMatchObject({ injected: true });
  });
});
