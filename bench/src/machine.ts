import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
}

/** What the numbers were measured on: a ratio means little without the machine beside it. */
export function describeMachine(): Machine {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() already gave a name
  }
  return {
    nproc: cpus().length,
    cpuModel,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}

/**
 * Services mode (Postgres, Kafka, S3, … from `.reel/services.env`) is still being built, so
 * the benchmarks run on embedded defaults only and say so either way.
 */
export function servicesMode(repoRoot: string): string {
  const found = existsSync(join(repoRoot, '.reel', 'services.env'));
  return found
    ? 'not available (.reel/services.env found, but Reel cannot run on it yet)'
    : 'not available (no .reel/services.env)';
}
