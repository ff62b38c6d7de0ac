import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../config';
import type { Mailer } from '../ports/mailer';

const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * A nodemailer SMTP transport from SMTP_URL. `pool: false` opens one connection per message, so an
 * error always belongs to the message being sent (a pooled transport can blur that), and explicit
 * timeouts bound every send well inside the outbox lease.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    pool: false,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  } satisfies SMTPTransport.Options);
  return {
    async send(message) {
      const info = (await transport.sendMail({
        from: config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: message.headers,
        disableFileAccess: true,
        disableUrlAccess: true,
      })) as { response?: string };
      return { response: info.response ?? '' };
    },
    close() {
      transport.close();
    },
  };
}

export type SmtpFailure =
  | { kind: 'transient'; reason: string }
  /** The recipient address itself was refused: mark it undeliverable. */
  | { kind: 'bad-address'; reason: string; responseCode: number }
  | { kind: 'permanent'; reason: string; responseCode?: number };

interface NodemailerError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * Classifies a send error by SMTP reply code: 4xx and connection-level errors are transient (retry with
 * backoff); a 5xx to RCPT TO means the address is bad; any other 5xx is permanent (one attempt, then
 * failed). Errors without a reply code are network trouble, hence transient (attempts are capped).
 */
export function classifySmtpError(err: unknown): SmtpFailure {
  const e = (err ?? {}) as NodemailerError;
  const reason = oneLine(e.response ?? e.message ?? String(err));
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  if (code !== undefined && code >= 500 && code < 600) {
    if (e.command === 'RCPT TO' && [550, 551, 553, 501].includes(code))
      return { kind: 'bad-address', reason, responseCode: code };
    return { kind: 'permanent', reason, responseCode: code };
  }
  if (code === undefined && e.code === 'EENVELOPE') return { kind: 'permanent', reason };
  return { kind: 'transient', reason };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 300);
}
