import { simpleParser } from 'mailparser';
import { startSmtpSink } from '../tools/smtp-sink';

/**
 * The benchmark's SMTP sink, in a process of its own so neither side under test shares its event loop.
 * Over IPC it says its port, and on request how many messages arrived and how many distinct Message-IDs.
 */
async function main(): Promise<void> {
  const sink = await startSmtpSink();
  const ids = new Map<string, number>();
  let counted = 0;
  const count = async (): Promise<void> => {
    for (; counted < sink.messages.length; counted++) {
      const raw = sink.messages[counted]!.raw;
      const header = /^Message-ID:\s*(\S+)/im.exec(raw.slice(0, raw.indexOf('\r\n\r\n')));
      const id = header?.[1] ?? (await simpleParser(raw)).messageId ?? `none-${counted}`;
      ids.set(id, (ids.get(id) ?? 0) + 1);
    }
  };
  process.on('message', (m: { type: string }) => {
    if (m.type === 'count') {
      void count().then(() =>
        process.send?.({ type: 'count', messages: sink.messages.length, distinct: ids.size }),
      );
    } else if (m.type === 'reset') {
      sink.messages.length = 0;
      ids.clear();
      counted = 0;
      process.send?.({ type: 'reset' });
    }
  });
  process.send?.({ type: 'ready', url: sink.url });
}

void main();
