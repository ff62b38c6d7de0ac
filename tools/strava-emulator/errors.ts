import type { Response } from 'express';
import { stringifyJson } from './json';

/** One entry of Strava's error list: `{resource, field, code}`. */
export interface StravaErrorItem {
  resource: string;
  field: string;
  code: string;
}

/** Strava's error body: `{"message": …, "errors": [{resource, field, code}]}`. */
export interface StravaErrorBody {
  message: string;
  errors: StravaErrorItem[];
}

const body = (message: string, resource: string, field: string, code: string): StravaErrorBody => ({
  message,
  errors: [{ resource, field, code }],
});

/** The error bodies Strava returns, as seen in the field (see strava-platform.md §1.2–1.5). */
export const stravaErrors = {
  /** 401: missing, expired, revoked or unknown access token. */
  invalidAccessToken: (): StravaErrorBody =>
    body('Authorization Error', 'Athlete', 'access_token', 'invalid'),
  /** 401: token lacks a scope; `field` is e.g. "activity:read_permission" or "profile:read_all". */
  missingScope: (field: string): StravaErrorBody =>
    body('Authorization Error', 'AccessToken', field, 'missing'),
  /** 404 for missing, deleted or not-visible records. */
  notFound: (resource: string): StravaErrorBody => body('Record Not Found', resource, 'id', 'invalid'),
  /** 400 with one error entry. */
  badRequest: (resource: string, field: string, code: string): StravaErrorBody =>
    body('Bad Request', resource, field, code),
  /** 429 once a 15-minute or daily limit is exceeded. */
  rateLimited: (): StravaErrorBody => body('Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded'),
  /** 500 from failure injection. */
  serverError: (): StravaErrorBody => ({ message: 'Internal Server Error', errors: [] }),
};

/** Writes JSON with exact 64-bit ids (bigint values become bare integer literals). */
export function sendJson(res: Response, status: number, value: unknown): void {
  res.status(status).type('application/json; charset=utf-8').send(stringifyJson(value));
}
