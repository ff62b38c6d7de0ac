import { parseRateHeaders, windowBounds } from '../../../../services/strava/rate-budget';
import { assessScopes, parseScopes } from '../../../../services/strava/scopes';

describe("Strava's rate-limit windows and headers", () => {
  it('when the time is 10:14:59.999, then the window is 10:00-10:15 and the day ends at 00:00 UTC', () => {
    const b = windowBounds(Date.parse('2026-03-02T10:14:59.999Z'));
    expect(new Date(b.windowStartMs).toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(new Date(b.windowEndMs).toISOString()).toBe('2026-03-02T10:15:00.000Z');
    expect(new Date(b.dayEndMs).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('when all four headers are present, then limits and usage are read per window', () => {
    expect(
      parseRateHeaders({
        'x-ratelimit-limit': '200,2000',
        'x-ratelimit-usage': '12,340',
        'x-readratelimit-limit': '100,1000',
        'x-readratelimit-usage': '7,300',
      }),
    ).toEqual({
      limits: { overall15Min: 200, overallDaily: 2000, read15Min: 100, readDaily: 1000 },
      usage: { overall15Min: 12, overallDaily: 340, read15Min: 7, readDaily: 300 },
    });
  });

  it('when headers are missing or malformed, then nothing is learned', () => {
    expect(parseRateHeaders({})).toBeNull();
    expect(parseRateHeaders({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-usage': '1,2' })).toBeNull();
  });
});

describe('granted scopes', () => {
  it('when activity scopes are missing, then the athlete is told activities cannot be seen', () => {
    const a = assessScopes(parseScopes('read'));
    expect(a.canReadActivities).toBe(false);
    expect(a.notices.map((n) => n.code)).toEqual(['missing_activity_scope', 'zones_unavailable']);
  });

  it('when Strava sends a messy scope list, then it is normalised', () => {
    expect(parseScopes('read, activity:read_all,,profile:read_all read <script>')).toEqual([
      'read',
      'activity:read_all',
      'profile:read_all',
    ]);
    expect(parseScopes(undefined)).toEqual([]);
  });
});
