import { compileHtml, compileText } from './handlebars-env';
import { assertHttpUrl, sanitizeHeaderText } from './sanitize';
import * as t from './templates/account';
import type {
  AccountExistsEmailInput,
  ConfirmationEmailInput,
  PasswordResetEmailInput,
  RenderedEmail,
} from './types';
import { nameView } from './view-model';

interface ConfirmView {
  subject: string;
  name: string;
  confirmUrl: string;
  expiresInH: number;
}

interface ResetView {
  subject: string;
  name: string;
  resetUrl: string;
  expiresInMin: number;
}

const confirmHtml = compileHtml<ConfirmView>(t.CONFIRM_HTML);
const confirmText = compileText<ConfirmView>(t.CONFIRM_TEXT);
const resetHtml = compileHtml<ResetView>(t.RESET_HTML);
const resetText = compileText<ResetView>(t.RESET_TEXT);

interface ExistsView {
  subject: string;
  name: string;
  loginUrl: string;
  resetUrl: string;
}
const existsHtml = compileHtml<ExistsView>(t.ACCOUNT_EXISTS_HTML);
const existsText = compileText<ExistsView>(t.ACCOUNT_EXISTS_TEXT);

function positiveWhole(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${what} must be a positive whole number`);
  return value;
}

/** Double opt-in e-mail: one confirmation link (signed by the caller). Throws on a non-http(s) URL. */
export function renderConfirmationEmail(input: ConfirmationEmailInput): RenderedEmail {
  const view: ConfirmView = {
    subject: sanitizeHeaderText('Confirm your e-mail address for Kneadwise'),
    name: nameView(input.recipientName),
    confirmUrl: assertHttpUrl(input.confirmUrl),
    expiresInH: positiveWhole(input.expiresInH, 'expiresInH'),
  };
  return { subject: view.subject, text: confirmText(view), html: confirmHtml(view) };
}

/** Password-reset e-mail with a single-use link (signed by the caller). Throws on a non-http(s) URL. */
export function renderPasswordResetEmail(input: PasswordResetEmailInput): RenderedEmail {
  const view: ResetView = {
    subject: sanitizeHeaderText('Reset your Kneadwise password'),
    name: nameView(input.recipientName),
    resetUrl: assertHttpUrl(input.resetUrl),
    expiresInMin: positiveWhole(input.expiresInMin, 'expiresInMin'),
  };
  return { subject: view.subject, text: resetText(view), html: resetHtml(view) };
}

/**
 * Sent instead of a second account when someone signs up with a registered address: the sign-up page
 * answers the same either way (no account enumeration), and the owner learns what happened.
 */
export function renderAccountExistsEmail(input: AccountExistsEmailInput): RenderedEmail {
  const view: ExistsView = {
    subject: sanitizeHeaderText('You already have a Kneadwise account'),
    name: nameView(input.recipientName),
    loginUrl: assertHttpUrl(input.loginUrl),
    resetUrl: assertHttpUrl(input.resetUrl),
  };
  return { subject: view.subject, text: existsText(view), html: existsHtml(view) };
}
