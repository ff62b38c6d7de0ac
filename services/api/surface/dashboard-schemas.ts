import { z } from 'zod';
import { HR_LOAD_MODELS, PLAUSIBLE_RANGES } from '../../domain/load';
import { BODY_AREAS } from '../../domain/strain';

// Bodies and queries of the dashboard API (dashboard-routes.ts declares the routes that take them). Browser
// forms post the CSRF token as `_csrf`; JSON callers send the X-CSRF-Token header instead.

export const inviteSchema = z.strictObject({
  note: z
    .string()
    .trim()
    .max(200, 'Use at most 200 characters')
    .regex(/^[^\r\n]*$/, 'Use a single line')
    .default(''),
  _csrf: z.string().optional(),
});
export const acceptSchema = z.strictObject({
  consentVersion: z.string().regex(/^[0-9a-f]{16}$/, 'Reload the page and read the consent again'),
  _csrf: z.string().optional(),
});

export const scopesBody = z
  .strictObject({
    adjustTraining: z.boolean({ error: 'adjustTraining must be true or false' }).optional(),
    sharePrivate: z.boolean({ error: 'sharePrivate must be true or false' }).optional(),
    _csrf: z.string().optional(),
  })
  .refine((b) => b.adjustTraining !== undefined || b.sharePrivate !== undefined, {
    message: 'Send adjustTraining or sharePrivate (true or false)',
  });

export const activitiesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso.datetime({ offset: true, error: 'before must be an ISO date-time' }).optional(),
});
export const alertsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const rpeBody = z.strictObject({
  rpe: z.union([z.number().int().min(1).max(10), z.null()], {
    error: 'rpe must be a whole number from 1 to 10, or null to clear it',
  }),
  _csrf: z.string().optional(),
});

const between = (name: string, [min, max]: readonly [number, number]) => {
  const error = `${name} must be a number from ${min} to ${max}, or null to use an estimate`;
  return z.number({ error }).min(min, { error }).max(max, { error }).nullable();
};

/** Physiology the athlete (or a consented coach) enters; absent keys stay, null clears a value (estimated again). */
export const physiologyBody = z.strictObject({
  hrMaxBpm: between('hrMaxBpm', PLAUSIBLE_RANGES.hrMaxBpm).optional(),
  hrRestBpm: between('hrRestBpm', PLAUSIBLE_RANGES.hrRestBpm).optional(),
  lthrBpm: between('lthrBpm', [80, 230]).optional(),
  ftpW: between('ftpW', PLAUSIBLE_RANGES.ftpW).optional(),
  thresholdPaceSPerKm: between('thresholdPaceSPerKm', PLAUSIBLE_RANGES.thresholdPaceSPerKm).optional(),
  thresholdSwimPaceSPer100m: between(
    'thresholdSwimPaceSPer100m',
    PLAUSIBLE_RANGES.thresholdSwimPaceSPer100m,
  ).optional(),
  hrLoadModel: z
    .enum(HR_LOAD_MODELS, { error: `hrLoadModel must be one of ${HR_LOAD_MODELS.join(', ')}, or null` })
    .nullable()
    .optional(),
  birthYear: between('birthYear', [1900, 2025])
    .refine((v) => v === null || Number.isInteger(v), { error: 'birthYear must be a whole year' })
    .optional(),
  sex: z.enum(['male', 'female']).nullable().optional(),
  _csrf: z.string().optional(),
});

export const areasBody = z.strictObject({
  areas: z.union([z.array(z.enum(BODY_AREAS)).min(1).max(BODY_AREAS.length), z.null()], {
    error: `areas must be a list of ${BODY_AREAS.join(', ')}, or null to clear`,
  }),
  _csrf: z.string().optional(),
});
