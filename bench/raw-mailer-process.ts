import { createTransport } from 'nodemailer';
import { MAIL_POOL } from '@grants/notifications';

/**
 * The baseline: raw nodemailer, the same pooled transport the service uses, sending the same rendered
 * reminder N times as fast as `concurrency` senders can. Prints its figures as one JSON line.
 */
async function main(): Promise<void> {
  const [url, countArg, concurrencyArg, from] = process.argv.slice(2);
  const total = Number(countArg);
  const message = JSON.parse(process.env.BENCH_MESSAGE ?? '{}') as {
    subject: string;
    text: string;
    html: string;
  };
  const transport = createTransport({ ...MAIL_POOL, url });
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Number(concurrencyArg) }, async () => {
      while (next < total) {
        const i = next++;
        await transport.sendMail({
          from,
          to: `raw-${i}@bench.example`,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: `<raw-${i}@bench.example>`,
        });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  transport.close();
  process.stdout.write(`${JSON.stringify({ sent: total, seconds })}\n`);
}

void main();
