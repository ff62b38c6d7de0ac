import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Readable } from 'node:stream';

export interface ReceivedMail {
  /** The message exactly as it arrived (headers + body), for raw header checks. */
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

/** An SMTP reply to force: `stage` picks RCPT TO (per-recipient) or the end of DATA. */
export interface ForcedReply {
  stage: 'rcpt' | 'data';
  code: number;
  message: string;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a port picked by the OS, collecting every accepted
 * message parsed with mailparser. It can be told to answer 4xx/5xx, or to go down (connection refused)
 * and come back on the same port: the outages the outbox must survive.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Connection attempts that reached the server while up (each send opens one: pool is off). */
  connections = 0;
  private server: SMTPServer | null = null;
  private forced: ForcedReply | null = null;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 50,
      onConnect: (_session, cb) => {
        this.connections++;
        cb();
      },
      onRcptTo: (
        _address: SMTPServerAddress,
        _session: SMTPServerSession,
        cb: (err?: Error | null) => void,
      ) => cb(this.errorFor('rcpt')),
      onData: (stream: Readable, session: SMTPServerSession, cb: (err?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const failure = this.errorFor('data');
          if (failure) return cb(failure);
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              this.messages.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
              cb();
            })
            .catch((err: Error) => cb(err));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    const address = server.server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
    return this;
  }

  /** Every later reply at `stage` is this code until `answerNormally()`. */
  answerWith(reply: ForcedReply): void {
    this.forced = reply;
  }

  answerNormally(): void {
    this.forced = null;
  }

  /** Goes down: new connections are refused until `start()` brings it back on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages whose header `name` equals `value`. */
  withHeader(name: string, value: string): ReceivedMail[] {
    return this.messages.filter((m) => m.parsed.headers.get(name.toLowerCase()) === value);
  }

  private errorFor(stage: ForcedReply['stage']): Error | null {
    if (!this.forced || this.forced.stage !== stage) return null;
    const err = new Error(this.forced.message) as Error & { responseCode: number };
    err.responseCode = this.forced.code;
    return err;
  }
}

export async function startSmtpSink(): Promise<SmtpSink> {
  return new SmtpSink().start();
}
