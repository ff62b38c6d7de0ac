import { z } from 'zod';
import { AppError } from '../errors';

/** An address we will mail: one line, a plausible mailbox, no display name (nothing to inject). */
export const emailAddressSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .regex(/^[^\s\r\n<>(),;:"\\]+@[^\s\r\n<>(),;:"\\]+$/, 'must be a plain email address like name@example.com')
  .pipe(z.email({ error: 'must be a valid email address like name@example.com' }));

export const raceInputSchema = z
  .object({
    raceDate: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }),
    name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
    priority: z.enum(['A', 'B', 'C'], { error: 'must be A (key race), B or C' }).default('A'),
  })
  .strict();

export const statusInputSchema = z
  .object({ injuredOrIll: z.boolean({ error: 'must be true or false' }) })
  .strict();

/** Parses `body` or throws a 400 naming every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({
    field: i.path.join('.') || '(body)',
    message: i.message,
  }));
  throw new AppError('bad_request', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}
