import { ParsedMail, simpleParser } from 'mailparser';
import { SmtpSink, startSmtpSink } from '../../tools/smtp-sink';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

/** Reads mail that really crossed SMTP into a local sink. */
export class Mailbox {
  private constructor(private readonly sink: SmtpSink) {}

  static async start(): Promise<Mailbox> {
    return new Mailbox(await startSmtpSink());
  }

  get url(): string {
    return this.sink.url;
  }

  /** The sink's fault switches (see SmtpSink). */
  get faults(): Pick<SmtpSink, 'reject' | 'accept' | 'holdAfter' | 'release'> {
    return this.sink;
  }

  async all(): Promise<ReceivedMail[]> {
    return Promise.all(
      this.sink.messages.map(async (m) => {
        const parsed = await simpleParser(m.raw);
        return {
          to: m.to,
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          parsed,
        };
      }),
    );
  }

  /** Waits for a message to an address (and optionally a subject), polling because delivery is asynchronous. */
  async waitFor(to: string, subject?: RegExp, timeoutMs = 5000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.all()).filter(
        (m) => m.to.includes(to.toLowerCase()) && (!subject || subject.test(m.subject)),
      );
      if (found.length) return found[found.length - 1]!;
      if (Date.now() > deadline) {
        throw new Error(`no mail to ${to}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}
