import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
  receivedAt: Date;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: CapturedMail[];
  /**
   * Answers the next `count` messages with an SMTP error instead of accepting them (451: try again
   * later; 550: no such mailbox), for fault tests. `count` Infinity rejects until `accept()`.
   */
  reject(count: number, code: number, recipients?: string[]): void;
  /**
   * Holds every message after the next `count` unanswered (no 250, no error) until `release()`: a
   * process killed meanwhile has sent nothing that was accepted.
   */
  holdAfter(count: number): void;
  release(): void;
  accept(): void;
  close(): Promise<void>;
}

/**
 * A local SMTP server that accepts everything. The quick start writes each message as an .eml file a
 * developer can open; tests read the captured messages.
 */
export async function startSmtpSink(options: { port?: number; dir?: string } = {}): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  let rejecting: { left: number; code: number; recipients?: string[] } | null = null;
  let holding: { after: number; held: Array<() => void> } | null = null;
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const rejection =
        rejecting &&
        rejecting.left > 0 &&
        (!rejecting.recipients || to.some((t) => rejecting!.recipients!.includes(t)))
          ? rejecting
          : null;
      if (rejection) {
        rejection.left--;
        stream.on('end', () => {
          const error = new Error(
            rejection.code >= 500 ? 'No such mailbox here' : 'Try again later',
          ) as Error & {
            responseCode: number;
          };
          error.responseCode = rejection.code;
          callback(error);
        });
        stream.resume();
        return;
      }
      if (holding && holding.after <= 0) {
        // Never answered: the connection drops with the sender, and an unanswered message was not accepted.
        stream.resume();
        holding.held.push(() => callback(new Error('Held')));
        return;
      }
      if (holding) holding.after--;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: CapturedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          receivedAt: new Date(),
        };
        messages.push(mail);
        if (options.dir) {
          const name = `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${mail.to[0] ?? 'unknown'}.eml`;
          writeFileSync(join(options.dir, name), raw);
        }
        callback();
      });
    },
  });
  const port = await new Promise<number>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.server.address();
      done(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    reject(count, code, recipients) {
      rejecting = { left: count, code, recipients };
    },
    accept() {
      rejecting = null;
    },
    holdAfter(count) {
      holding = { after: count, held: [] };
    },
    release() {
      const held = holding?.held ?? [];
      holding = null;
      for (const answer of held) answer();
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
