import 'reflect-metadata';
import { loadConfig } from '@grants/config';
import { createWorker } from './create-worker';

/** `npm run start:worker`: one worker replica. Run as many as the load needs; they share the queues. */
async function main(): Promise<void> {
  const config = loadConfig();
  const worker = await createWorker({ config });
  process.stdout.write(`worker ${process.pid} is running (queues prefixed "${config.jobs.prefix}")\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`worker ${process.pid}: ${signal}, finishing active jobs\n`);
    void worker.stop().then(
      (outcome) => {
        process.stdout.write(`worker ${process.pid} stopped (${outcome})\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`worker ${process.pid} did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The worker could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
