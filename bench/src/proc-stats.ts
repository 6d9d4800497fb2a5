import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU times in clock ticks; 100 a second on every common kernel config. */
const TICKS_PER_SEC = 100;

export interface CpuTimes {
  /** The process's own user+system CPU seconds. */
  self: number;
  /** CPU seconds of its children that have exited and been waited for (ffmpeg, ffprobe). */
  children: number;
}

interface StatLine {
  comm: string;
  ppid: number;
  cpu: CpuTimes;
}

function readStat(pid: number | 'self'): StatLine | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone, or not Linux
  }
  // The command name is in parentheses and may hold spaces: split after the last `)`.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text
    .slice(close + 2)
    .split(' ')
    .map(Number);
  const at = (i: number) => f[i] ?? 0;
  return {
    comm,
    ppid: at(1),
    cpu: {
      self: (at(11) + at(12)) / TICKS_PER_SEC,
      children: (at(13) + at(14)) / TICKS_PER_SEC,
    },
  };
}

export function cpuTimes(pid: number | 'self'): CpuTimes {
  return readStat(pid)?.cpu ?? { self: 0, children: 0 };
}

/** Peak resident set size (VmHWM) in MiB: the kernel keeps the high-water mark for us. */
export function peakRssMiB(pid: number | 'self'): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface ProcessRecord {
  pid: number;
  comm: string;
  firstSeenMs: number;
  lastSeenMs: number;
  cpuAtFirst: number;
  cpuAtLast: number;
  peakRssMiB: number;
}

/**
 * Watches a process and every descendant (Postgres backends, ffmpeg) by polling /proc, keeping
 * each one's CPU and peak RSS. Short-lived children may lose their last tick of CPU; exact
 * CPU for reaped children comes from `cpuTimes(parent).children` instead.
 */
export class TreeSampler {
  private readonly seen = new Map<number, ProcessRecord>();
  private timer: NodeJS.Timeout | undefined;
  /** When watching began; processes first seen then were already running. */
  startedAtMs = 0;

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): this {
    this.startedAtMs = performance.now();
    this.sample(this.startedAtMs);
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  stop(): ProcessRecord[] {
    clearInterval(this.timer);
    this.sample();
    return [...this.seen.values()];
  }

  private sample(now = performance.now()) {
    const children = new Map<number, number[]>();
    let pids: number[];
    try {
      pids = readdirSync('/proc')
        .filter((n) => /^\d+$/.test(n))
        .map(Number);
    } catch {
      return;
    }
    const stats = new Map<number, StatLine>();
    for (const pid of pids) {
      const stat = readStat(pid);
      if (!stat) continue;
      stats.set(pid, stat);
      children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
    }
    const tree: number[] = [];
    const walk = (pid: number) => {
      tree.push(pid);
      for (const child of children.get(pid) ?? []) walk(child);
    };
    walk(this.rootPid);
    for (const pid of tree) {
      const stat = stats.get(pid);
      if (!stat) continue;
      const rss = peakRssMiB(pid) ?? 0;
      const record = this.seen.get(pid);
      if (record) {
        record.lastSeenMs = now;
        record.cpuAtLast = stat.cpu.self;
        record.peakRssMiB = Math.max(record.peakRssMiB, rss);
      } else {
        this.seen.set(pid, {
          pid,
          comm: stat.comm,
          firstSeenMs: now,
          lastSeenMs: now,
          cpuAtFirst: stat.cpu.self,
          cpuAtLast: stat.cpu.self,
          peakRssMiB: rss,
        });
      }
    }
  }
}

/** CPU seconds the named processes used while watched (a process born meanwhile counts whole). */
export function cpuUsedBy(sampler: TreeSampler, records: readonly ProcessRecord[], comm: string) {
  return records
    .filter((r) => r.comm === comm)
    .reduce(
      (sum, r) => sum + r.cpuAtLast - (r.firstSeenMs <= sampler.startedAtMs ? r.cpuAtFirst : 0),
      0,
    );
}
