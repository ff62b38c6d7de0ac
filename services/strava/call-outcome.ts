import { StatusCodeError } from 'strava-v3/axiosUtility';
import type { ScopedOutcome } from './transport';

/** One request's outcome as the client sees it. */
export interface Attempt {
  outcome: ScopedOutcome<unknown>;
  /** HTTP status; 0 when no response arrived (timeout, refused). */
  status: number;
}

/** Strava's 401 for a scope the athlete did not grant, e.g. field "activity:read_permission", code "missing". */
export function missingScope(a: Attempt): boolean {
  const body = a.outcome.ok
    ? undefined
    : a.outcome.error instanceof StatusCodeError
      ? a.outcome.error.data
      : undefined;
  const errors = (body as { errors?: { field?: unknown; code?: unknown }[] } | undefined)?.errors;
  return (
    Array.isArray(errors) &&
    errors.some((e) => e.code === 'missing' || /permission|scope/.test(String(e.field)))
  );
}

export function describeAttempt(a: Attempt): string {
  if (a.status > 0) return `HTTP ${a.status}`;
  return a.outcome.ok
    ? 'no response'
    : a.outcome.error instanceof Error
      ? a.outcome.error.message
      : 'unknown error';
}
