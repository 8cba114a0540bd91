import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Memory of another process, from /proc (Linux): its resident set now (VmRSS) and at its peak since it
 * started (VmHWM, the kernel's high-water mark), and a sampler that polls VmRSS so the peak of a stretch
 * of the run can be told apart from the peak of the whole process.
 */

export interface ProcMemory {
  rssKb: number;
  hwmKb: number;
}

export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(m[1]);
  };
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/**
 * Resets the process's VmHWM to its present VmRSS (writing 5 to clear_refs), so the next reading is the
 * peak of what follows, not of the boot; false where the kernel does not allow it (then VmHWM stays the
 * peak since the process started: still an upper bound).
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * The pid of this process's child running `script` (startServer spawns `node [args] script` directly, so
 * the server is a child of ours, not of a shell).
 */
export function childPidRunning(script: string): number {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces or parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes(script)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  if (found.length !== 1) {
    throw new Error(`expected one child process running ${script}, found ${found.length}`);
  }
  return found[0]!;
}

/** Polls a process's VmRSS; `mark` names what the run is doing, so each stretch gets its own peak. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private label = 'idle';
  readonly peaks = new Map<string, number>();
  peakKb = 0;
  samples = 0;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 50,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  mark(label: string): void {
    this.sample();
    this.label = label;
    this.sample();
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  peakOf(label: string): number {
    return this.peaks.get(label) ?? 0;
  }

  private sample(): void {
    let rss: number;
    try {
      rss = procMemory(this.pid).rssKb;
    } catch {
      return; // the process has gone; nothing more to see
    }
    this.samples++;
    this.peakKb = Math.max(this.peakKb, rss);
    this.peaks.set(this.label, Math.max(this.peaks.get(this.label) ?? 0, rss));
  }
}
