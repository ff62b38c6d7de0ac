/**
 * One catalogue of stable error codes. The HTTP layer maps them to statuses (services/api/middleware/
 * error-handler.ts); workers map them to retry policy (workers/main.ts). Domain code never mentions HTTP.
 */
export const ERROR_CODES = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A job hit a rate limit: wait until `retryAtMs` without spending a retry attempt. */
export class RateLimitWaitError extends Error {
  override name = 'RateLimitWaitError';
  constructor(
    readonly retryAtMs: number,
    message = 'Strava rate limit reached',
  ) {
    super(message);
  }
}

/** Retrying cannot help (bad payload, revoked access, permanent SMTP 5xx): the job gives up at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
