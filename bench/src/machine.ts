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

const SERVICES_ENV = ['.reel', 'services.env'] as const;

/** The settings of `.reel/services.env` (`NAME=value` lines), or undefined without one. */
export function readServicesEnv(repoRoot: string): Record<string, string> | undefined {
  const path = join(repoRoot, ...SERVICES_ENV);
  if (!existsSync(path)) return undefined;
  const settings: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1]) settings[match[1]] = (match[2] ?? '').trim();
  }
  return settings;
}

/** Whether `--services` can run here, and on what. */
export function servicesMode(repoRoot: string): string {
  const settings = readServicesEnv(repoRoot);
  if (!settings) return 'not available (no .reel/services.env)';
  const named = [
    ['KAFKA_BROKERS', 'Kafka'],
    ['REDIS_URL', 'Redis'],
    ['OPENSEARCH_URL', 'OpenSearch'],
    ['S3_ENDPOINT', 'S3'],
  ]
    .filter(([name]) => settings[name as string])
    .map(([, label]) => label);
  return `available with --services (.reel/services.env: ${named.join(', ') || 'no services'})`;
}
