import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort, portAnswers } from '../tools/local-infra';

const ROOT = resolve(__dirname, '../..');

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/**
 * The flags `npm run start:api` and the image run the API with: a bounded old generation, so V8 collects as
 * it goes rather than growing, and 8 MB young-generation semi-spaces instead of V8's 16 MB, which keeps
 * 16 MB of the idle process off the resident set. What that costs was measured with --trace-gc under the
 * round benchmark's load (bench/README.md): scavenging takes about 6.6% of the API's time instead of 4.7%.
 */
export const API_NODE_ARGS: readonly string[] = ['--max-old-space-size=128', '--max-semi-space-size=8'];

/**
 * The environment `npm run start:api`, `npm start` and the image add. glibc raises the size from which it
 * maps memory afresh to that of any mapped block it frees (V8's compiler zones, brotli, argon2 at boot),
 * and keeps what is freed below that size; a fixed threshold hands it back, 15 MiB of the API at rest
 * (bench/README.md).
 */
export const API_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** Starts a server script in its own process on a free port and waits until it answers. */
export async function startServer(
  target: { name: string; script: string; nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv },
  env: NodeJS.ProcessEnv,
  log: (m: string) => void,
): Promise<Server> {
  const port = await freePort();
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...(target.nodeArgs ?? []), ...nodeArgs, target.script],
    {
      cwd: ROOT,
      env: { ...env, ...target.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 60_000;
  while (!(await portAnswers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${target.name} did not start listening on ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        log(`${target.name} did not exit within 5 s of SIGTERM; killing it`);
        child.kill('SIGKILL');
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
