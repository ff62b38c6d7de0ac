import type { Server } from 'node:http';
import type { Readable } from 'node:stream';
import express from 'express';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { renderMailbox, type CaughtMail } from './mail-catcher-page';

/** The newest messages kept in memory; older ones are forgotten (the demo can run for days). */
const MAX_MESSAGES = 500;
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  messages(): readonly CaughtMail[];
  stop(): Promise<void>;
}

function receive(
  store: CaughtMail[],
  nextId: () => number,
): (stream: Readable, session: SMTPServerSession, cb: (err?: Error | null) => void) => void {
  return (stream, session, cb) => {
    simpleParser(stream)
      .then((parsed) => {
        store.unshift({
          id: nextId(),
          receivedAt: new Date(),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '(no subject)',
          from: parsed.from?.text ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : null,
        });
        store.length = Math.min(store.length, MAX_MESSAGES);
        cb();
      })
      .catch((err: Error) => cb(err));
  };
}

function startSmtp(port: number, store: CaughtMail[]): Promise<SMTPServer> {
  let id = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    closeTimeout: 100,
    onData: receive(store, () => ++id),
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function startWeb(port: number, store: CaughtMail[]): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/messages', (_req, res) => {
    res.json(
      store.map(({ id, receivedAt, envelopeTo, subject, from }) => ({
        id,
        receivedAt,
        envelopeTo,
        subject,
        from,
      })),
    );
  });
  app.get('/', (_req, res) => {
    // Email HTML is shown in sandboxed iframes (no scripts); this page itself loads nothing external.
    res.set(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'none'",
    );
    res.set('x-content-type-options', 'nosniff');
    res.type('html').send(renderMailbox(store));
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

/**
 * A development mail catcher: a real SMTP server (smtp-server; no auth, no TLS, loopback only) that keeps
 * every accepted message in memory, parsed with mailparser, and a web page listing them newest first
 * with their text and HTML (GET / ; GET /api/messages for scripts). Nothing is relayed anywhere.
 */
export async function startMailCatcher(opts: { smtpPort: number; webPort: number }): Promise<MailCatcher> {
  const store: CaughtMail[] = [];
  const smtp = await startSmtp(opts.smtpPort, store);
  let web: Server;
  try {
    web = await startWeb(opts.webPort, store);
  } catch (err) {
    await new Promise<void>((r) => smtp.close(() => r()));
    throw err;
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${opts.smtpPort}`,
    webUrl: `http://127.0.0.1:${opts.webPort}/`,
    messages: () => store,
    async stop() {
      web.closeAllConnections();
      await Promise.all([
        new Promise<void>((r) => web.close(() => r())),
        new Promise<void>((r) => smtp.close(() => r())),
      ]);
    },
  };
}
