import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/free-port.js';
import { testEnv } from '../support/harness.js';
import { until } from '../support/polling.js';

const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));

export interface ReelDev {
  url: string;
  apiKey: string;
  child: ChildProcess;
  /** Everything it printed, stdout and stderr together. */
  output(): string;
  /** Null while it runs. */
  exitCode(): number | null;
  /** Sends `signal` (to its whole process group with `group`, as Ctrl-C does) and waits for the exit. */
  stop(signal: NodeJS.Signals, options?: { group?: boolean }): Promise<number | null>;
  /** SIGKILLs its process group unless it exited: for the end of a test, pass or fail. */
  kill(): void;
}

/** Resolves the moment `text` is printed (no polling: the caller acts mid start-up). */
function printedLine(child: ChildProcess, text: string, printed: () => string) {
  return new Promise<string>((resolve, reject) => {
    const look = () => {
      if (!printed().includes(text)) return;
      child.stdout?.off('data', look);
      child.stderr?.off('data', look);
      resolve('');
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => reject(new Error(`reel dev exited with ${code}:\n${printed()}`)));
  });
}

/**
 * `reel dev` (the API and every worker in one process) as an operator runs it: a process of its
 * own, so a crash shows as an exit, not as an error inside the test runner. It reads
 * `.reel/services.env` itself; `env` wins over the test defaults (e.g. `DATABASE_URL`).
 */
export async function spawnReelDev(options: {
  dataDir: string;
  env?: Record<string, string>;
  /** Returns once it prints this, mid start-up, instead of once it is ready (`apiKey` is then ''). */
  returnOnOutput?: string;
}): Promise<ReelDev> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'dev'], {
    env: {
      ...process.env,
      ...testEnv({
        REEL_DATA_DIR: options.dataDir,
        PORT: String(port),
        // Its live role listens for RTMP: a port of its own, beside the other `reel dev`s.
        REEL_RTMP_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        ...options.env,
      }),
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  let exitCode: number | null = null;
  let hasExited = false;
  void exited.then((code) => {
    exitCode = code;
    hasExited = true;
  });
  const kill = () => {
    if (hasExited) return;
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const { returnOnOutput } = options;
  const ready = returnOnOutput
    ? printedLine(child, returnOnOutput, () => printed)
    : until(
        'reel dev to answer /healthz',
        async () => {
          if (hasExited) throw new Error(`reel dev exited with ${exitCode}:\n${printed}`);
          const ok = await fetch(`${url}/healthz`).then(
            (r) => r.ok,
            () => false,
          );
          if (!ok || !printed.includes('Reel is ready')) return undefined;
          // dev.json is written once the development tenant exists (read it whole, not mid-write).
          const state = await readFile(join(options.dataDir, 'dev.json'), 'utf8')
            .then((text) => JSON.parse(text) as { apiKey?: string })
            .catch(() => undefined);
          return state?.apiKey;
        },
        120_000,
      );
  const apiKey = await ready.catch((error: unknown) => {
    kill();
    throw error;
  });
  return {
    url,
    apiKey,
    child,
    output: () => printed,
    exitCode: () => (hasExited ? (exitCode ?? -1) : null),
    kill,
    async stop(signal, { group = false } = {}) {
      if (!hasExited) process.kill(group ? -(child.pid ?? 0) : (child.pid ?? 0), signal);
      return exited;
    },
  };
}
