import { z } from 'zod';
import { isValidTimeZone } from '../../domain/athlete-calendar';
import { alertSettingsSchema } from '../../domain/recommend';
import { notificationPrefsPatchSchema } from '../../notify/preferences';
import { emailAddressSchema, raceInputSchema, statusInputSchema } from '../../notify/settings-schemas';
import type { RouteSpec } from './route-spec';

const timeZoneInput = z
  .string()
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone name, e.g. Europe/Madrid or Asia/Kolkata');
export const settingsInput = z
  .object({
    preferences: notificationPrefsPatchSchema,
    alertSettings: alertSettingsSchema,
    timeZone: timeZoneInput,
  })
  .partial()
  .strict();
/** A new address for alerts (athlete) or alert copies (coach): double opt-in follows. */
export const addressInput = z.object({ address: emailAddressSchema }).strict();
export const coachAlertSettingsInput = z
  .object({ alertSettings: alertSettingsSchema, coachAlertsOptIn: z.boolean() })
  .partial()
  .strict();

const self = (
  method: RouteSpec['method'],
  path: string,
  summary: string,
  status: number,
  extra: Partial<RouteSpec> = {},
): RouteSpec => ({
  method,
  path,
  policy: 'athlete-self',
  summary,
  answer: { status, description: summary },
  ...extra,
});

/** Email address, alert preferences, races, injured flag (notification-settings.ts, issue 6). */
const ATHLETE_SETTINGS: RouteSpec[] = [
  self('get', '/api/me/notification-settings', 'Your alert preferences, thresholds and time zone', 200),
  self('put', '/api/me/notification-settings', 'Change alert preferences, thresholds or time zone', 200, {
    body: settingsInput,
  }),
  self('put', '/api/me/email', 'Set the address alerts go to (a confirmation link is sent)', 202, {
    body: addressInput,
  }),
  self('delete', '/api/me/email', 'Remove your address: no more alert emails', 200),
  self('put', '/api/me/status', 'Mark yourself injured or ill (alerts pause)', 200, {
    body: statusInputSchema,
  }),
  self('get', '/api/me/races', 'Your planned races', 200),
  self('post', '/api/me/races', 'Add a planned race (taper advice)', 201, { body: raceInputSchema }),
  self('delete', '/api/me/races/:raceId', 'Remove a planned race', 204),
];

/** The coach's own address (coach-settings.ts, issue 22) and an athlete's alert thresholds (coach-alert-settings.ts). */
const COACH_SETTINGS: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/coach/settings',
    policy: 'coach',
    summary: 'Your address and whether it is confirmed',
    answer: { status: 200, description: 'Settings' },
  },
  {
    method: 'put',
    path: '/api/coach/email',
    policy: 'coach',
    summary: 'Change the address alert copies go to (double opt-in)',
    body: addressInput,
    answer: { status: 202, description: 'Confirmation link sent' },
  },
  {
    method: 'post',
    path: '/api/coach/email/resend',
    policy: 'coach',
    summary: 'Send the confirmation link again',
    answer: { status: 202, description: 'Sent' },
  },
  {
    method: 'get',
    path: '/api/athletes/:athleteId/alert-settings',
    policy: 'coach-of-athlete',
    summary: "An athlete's alert thresholds and your opt-in to copies",
    answer: { status: 200, description: 'Settings' },
  },
  {
    method: 'put',
    path: '/api/athletes/:athleteId/alert-settings',
    policy: 'coach-of-athlete',
    summary: "Tune an athlete's alert thresholds; opt in to copies of their alerts",
    body: coachAlertSettingsInput,
    answer: { status: 200, description: 'Saved' },
  },
];

export const SETTINGS_ROUTES: readonly RouteSpec[] = [...ATHLETE_SETTINGS, ...COACH_SETTINGS];
