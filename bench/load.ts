import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Sample } from './stats';

/**
 * What the load benchmarks share: whole-number settings from the environment, autocannon run in a process
 * of its own (so the load generator never shares an event loop with the server it measures), and number
 * formatting.
 */

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number of at least 1 (got "${raw}")`);
  return n;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function autocannonVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')) as { version: string })
    .version;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Runs autocannon's CLI in its own process (keep-alive, no pipelining) and reads its JSON summary. */
function autocannon(url: string, connections: number, seconds: number): Promise<AutocannonResult> {
  const cli = require.resolve('autocannon');
  const args = [cli, '-c', String(connections), '-d', String(seconds), '-j', '-n', url];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`autocannon exited with ${code}:\n${err}`));
      try {
        done(JSON.parse(out) as AutocannonResult);
      } catch {
        fail(new Error(`autocannon printed no JSON:\n${out}\n${err}`));
      }
    });
  });
}

/** A warm-up whose figures are discarded (JIT, pools, PostgreSQL's caches), then the measured run. */
export async function measure(
  url: string,
  connections: number,
  warmupSeconds: number,
  seconds: number,
): Promise<Sample> {
  await autocannon(url, connections, warmupSeconds);
  const r = await autocannon(url, connections, seconds);
  return {
    reqPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}
