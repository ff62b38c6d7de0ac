import type { z } from 'zod';
import { AppError } from '../../../errors';

/**
 * Validates a body or query with zod. Failure is a 400 whose message names the first problem in plain
 * words and whose details map each field to its message (forms show them next to the inputs).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key =
      issue.path.length > 0
        ? issue.path.join('.')
        : issue.code === 'unrecognized_keys'
          ? issue.keys.join(', ')
          : '_';
    fields[key] ??= issue.code === 'unrecognized_keys' ? 'not an accepted field' : issue.message;
  }
  const [first] = Object.entries(fields);
  const message = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : 'Invalid input';
  throw new AppError('bad_request', message, { fields });
}
