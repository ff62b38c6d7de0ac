import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../accounts/password-policy';
import type { RouteSpec } from './route-spec';

const email = z.email({ error: 'Enter a valid email address' }).max(254).trim();
const password = z
  .string({ error: 'Enter a password' })
  .min(1, 'Enter a password')
  .max(PASSWORD_MAX_LENGTH * 4);
const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not valid');
/** Browser forms post the CSRF token as a field; JSON callers send the X-CSRF-Token header instead. */
const csrfField = z.string().optional();

export const signUpSchema = z.strictObject({
  email,
  password,
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter your name')
    .max(100, 'Use at most 100 characters')
    .regex(/^[^\r\n<>]*$/, 'Use letters, digits and simple punctuation'),
  _csrf: csrfField,
});
export const loginSchema = z.strictObject({
  email,
  password,
  /** Where the login page was asked to go afterwards (?next=); only a local path is honoured. */
  next: z.string().max(2048).optional(),
  _csrf: csrfField,
});
export const resetRequestSchema = z.strictObject({ email, _csrf: csrfField });
export const resetInspectSchema = z.strictObject({ token, _csrf: csrfField });
export const resetCompleteSchema = z.strictObject({ token, password, _csrf: csrfField });

/** Coach accounts and the session (accounts.ts). Athletes sign in through Strava. */
export const ACCOUNT_ROUTES: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/api/session',
    policy: 'public',
    summary: 'Who is signed in, and the CSRF token for state-changing calls',
    answer: { status: 200, description: 'Session' },
  },
  {
    method: 'post',
    path: '/api/session',
    policy: 'public',
    summary: 'Coach login',
    rateLimit: 'per account and per IP',
    body: loginSchema,
    answer: { status: 200, description: 'Signed in; new session id' },
  },
  {
    method: 'post',
    path: '/api/session/logout',
    policy: 'public',
    summary: 'Sign out (the server-side session is destroyed)',
    answer: { status: 204, description: 'Signed out' },
  },
  {
    method: 'post',
    path: '/api/coaches',
    policy: 'public',
    summary: 'Coach sign-up; the account works once its address is confirmed',
    rateLimit: 'per IP',
    body: signUpSchema,
    answer: { status: 202, description: 'Confirmation email sent' },
  },
  {
    method: 'post',
    path: '/api/password-resets',
    policy: 'public',
    summary: 'Email a reset link (same answer whether or not the account exists)',
    rateLimit: 'per account and per IP',
    body: resetRequestSchema,
    answer: { status: 202, description: 'Accepted' },
  },
  {
    method: 'post',
    path: '/api/password-resets/inspect',
    policy: 'public',
    summary: 'State of a reset link',
    body: resetInspectSchema,
    answer: { status: 200, description: '{ state: valid | used | expired | unknown }' },
  },
  {
    method: 'post',
    path: '/api/password-resets/complete',
    policy: 'public',
    summary: 'Set a new password from a reset link (single use, 1 h)',
    rateLimit: 'per IP',
    body: resetCompleteSchema,
    answer: { status: 200, description: 'Changed; all sessions ended' },
  },
];
