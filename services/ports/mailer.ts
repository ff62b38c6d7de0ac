/**
 * The mail port (Deps.mailer): what the outbox relay needs from an SMTP sender. services/notify/mailer.ts
 * implements it over nodemailer; tests pass their own.
 */
/** One message as the outbox holds it; `headers` were built by us from signed URLs and keys only. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface SendResult {
  /** The server's final reply, e.g. "250 OK: queued as ...". */
  response: string;
}

/** Sends one message over SMTP; throws MailError-classifiable errors (see classifySmtpError). */
export interface Mailer {
  send(message: OutgoingEmail): Promise<SendResult>;
  close(): void;
}
