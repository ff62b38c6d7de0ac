/** Outbox `kind`s of the notifier. Alert emails to the athlete carry alert status; coach copies do not. */
export const ATHLETE_ALERT_KINDS = ['alert', 'alert-digest'] as const;
export const COACH_ALERT_KIND = 'coach-alert';
export const CONFIRM_EMAIL_KIND = 'confirm-email';
export const ACCOUNT_EXISTS_KIND = 'account-exists';

export function isAthleteAlertKind(kind: string): boolean {
  return (ATHLETE_ALERT_KINDS as readonly string[]).includes(kind);
}

/** Message-ID of an outbox row: stable across resends, so duplicates are detectable and collapsible. */
export function outboxMessageId(outboxId: string, publicUrl: string): string {
  return `<outbox-${outboxId}@${new URL(publicUrl).hostname}>`;
}
