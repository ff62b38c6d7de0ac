/** Pure e-mail rendering: inputs in, { subject, text, html } out. Sending lives elsewhere. */
export { renderAlertEmail, renderDigestEmail, alertSubject } from './render-alert-email';
export { renderCoachAlertEmail } from './render-coach-alert-email';
export {
  renderAccountExistsEmail,
  renderConfirmationEmail,
  renderPasswordResetEmail,
} from './render-account-emails';
export { sanitizeHeaderText, sanitizeInlineText, assertHttpUrl, MAX_SUBJECT_LENGTH } from './sanitize';
export type * from './types';
