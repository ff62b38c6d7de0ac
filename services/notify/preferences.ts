import { z } from 'zod';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour), e.g. 21:30');

/**
 * An athlete's email delivery preferences (athlete.notification_prefs). Every field has a default, so
 * `{}` is a valid stored value; unknown keys are rejected so typos surface as 400s, not silent no-ops.
 * Times are wall-clock times in the athlete's time zone (athlete.time_zone).
 */
export const notificationPrefsSchema = z
  .object({
    /** Master switch for alert emails (the unsubscribe link turns it off). */
    enabled: z.boolean().default(true),
    /** At most one alert email per this many hours; later alerts wait and join the next email. 0 = no cap. */
    maxOnePerHours: z.number().int('must be a whole number of hours').min(0).max(168).default(12),
    /** No alert email between start and end (may wrap midnight); null = none. start = end means none. */
    quietHours: z
      .object({ start: hhmm, end: hhmm })
      .strict()
      .nullable()
      .default({ start: '21:00', end: '07:00' }),
    /** One digest a day at hourLocal instead of individual alert emails. */
    digest: z
      .object({ enabled: z.boolean(), hourLocal: z.number().int().min(0).max(23) })
      .strict()
      .default({ enabled: false, hourLocal: 7 }),
  })
  .strict();

export type NotificationPrefs = z.output<typeof notificationPrefsSchema>;

/** A partial update from the settings API: only the given fields change. */
export const notificationPrefsPatchSchema = z
  .object({
    enabled: z.boolean(),
    maxOnePerHours: z.number().int('must be a whole number of hours').min(0).max(168),
    quietHours: z.object({ start: hhmm, end: hhmm }).strict().nullable(),
    digest: z.object({ enabled: z.boolean(), hourLocal: z.number().int().min(0).max(23) }).strict(),
  })
  .partial()
  .strict();

/**
 * Reads a stored value. A stored value that no longer parses (an older shape, a hand edit) falls back to
 * the defaults for the bad fields rather than blocking that athlete's alerts.
 */
export function parseNotificationPrefs(stored: unknown): NotificationPrefs {
  const full = notificationPrefsSchema.safeParse(stored ?? {});
  if (full.success) return full.data;
  const base = notificationPrefsSchema.parse({});
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(base) as (keyof NotificationPrefs)[]) {
    const one = notificationPrefsSchema.safeParse({ [key]: raw[key] });
    if (one.success) merged[key] = one.data[key];
  }
  return notificationPrefsSchema.parse(merged);
}
