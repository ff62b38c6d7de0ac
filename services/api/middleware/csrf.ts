import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

/**
 * Synchroniser-token CSRF protection (csrf-sync): the token lives in the server-side session; pages send
 * it in the X-CSRF-Token header (or a `_csrf` form field). Every state-changing method is checked; GET,
 * HEAD and OPTIONS never change state in this app.
 */
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const body = req.body as { _csrf?: unknown } | undefined;
    return typeof body?._csrf === 'string' ? body._csrf : undefined;
  },
  errorConfig: {
    statusCode: 403,
    message: 'Missing or invalid CSRF token: reload the page and try again',
    code: 'EBADCSRFTOKEN',
  },
});

export const csrfProtection = csrfSynchronisedProtection;
/** Returns the session's CSRF token, creating it on first use. */
export const csrfToken = (req: Request): string => generateToken(req);
