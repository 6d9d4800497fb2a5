import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerRole } from '../../src/workers/roles.js';
import { testEnv } from './harness.js';
import { until } from './polling.js';

const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL: the process dies at once, with whatever it held in memory. */
  kill(): Promise<void>;
  /** SIGTERM, as an orchestrator stops a pod: resolves with the exit code once it has exited. */
  terminate(): Promise<number | null>;
}

/**
 * `reel worker --role …` as an operator runs it, in a process of its own over the test run's
 * Postgres (and, in the services suite, the services), so a test can kill it outright.
 */
export async function spawnWorker(
  roles: readonly WorkerRole[],
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--role', roles.join(',')], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', REEL_LOG_FORMAT: 'json', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  await until(`reel worker --role ${roles.join(',')} to start`, () => {
    if (gone()) throw new Error(`reel worker exited (${child.exitCode}):\n${printed}`);
    return printed.includes(`workers: ${roles.join(', ')}`);
  });
  return {
    child,
    output: () => printed,
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async terminate() {
      if (!gone()) child.kill('SIGTERM');
      await exited;
      return child.exitCode;
    },
  };
}
