/**
 * What the scopes an athlete granted mean for them, in plain words. Strava lets athletes untick any
 * scope on its consent page ("Apps should check which scopes a user has accepted"), so the callback and
 * the dashboard explain the consequence and the fix instead of failing silently later.
 */

export type ScopeNoticeCode = 'missing_activity_scope' | 'private_activities_hidden' | 'zones_unavailable';

export interface ScopeNotice {
  code: ScopeNoticeCode;
  /** One paragraph for the athlete: what it means and how to fix it. */
  message: string;
}

export interface ScopeAssessment {
  scopes: string[];
  /** activity:read or activity:read_all: without it Kneadwise sees no activities at all. */
  canReadActivities: boolean;
  /** activity:read_all: "Only You" activities are included. */
  seesPrivateActivities: boolean;
  /** profile:read_all: heart-rate zones can be read from Strava. */
  canReadZones: boolean;
  notices: ScopeNotice[];
}

const MESSAGES: Record<ScopeNoticeCode, string> = {
  missing_activity_scope:
    'You connected Strava but did not allow Kneadwise to view data about your activities. Without that ' +
    'permission Kneadwise cannot see any of your activities, so it cannot estimate your training load or ' +
    'suggest recovery. To fix it, connect with Strava again and leave the box for viewing your activities ticked.',
  private_activities_hidden:
    'You did not allow Kneadwise to see activities you keep private ("Only You"), so those are left out of ' +
    'your load estimates. If you want them counted, connect with Strava again and tick the box for private activities.',
  zones_unavailable:
    'You did not share your full Strava profile, so Kneadwise cannot read your heart-rate zones from Strava. ' +
    'It estimates them from your activities instead; you can also enter your own values in settings.',
};

/** Splits Strava's comma-separated scope list (spaces tolerated), dropping blanks and duplicates. */
export function parseScopes(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  return [...new Set(raw.split(/[\s,]+/).filter((s) => /^[a-z_:]{1,40}$/.test(s)))];
}

export function assessScopes(scopes: string[]): ScopeAssessment {
  const canReadActivities = scopes.includes('activity:read') || scopes.includes('activity:read_all');
  const seesPrivateActivities = scopes.includes('activity:read_all');
  const canReadZones = scopes.includes('profile:read_all');
  const codes: ScopeNoticeCode[] = [];
  if (!canReadActivities) codes.push('missing_activity_scope');
  else if (!seesPrivateActivities) codes.push('private_activities_hidden');
  if (!canReadZones) codes.push('zones_unavailable');
  return {
    scopes,
    canReadActivities,
    seesPrivateActivities,
    canReadZones,
    notices: codes.map((code) => ({ code, message: MESSAGES[code] })),
  };
}
