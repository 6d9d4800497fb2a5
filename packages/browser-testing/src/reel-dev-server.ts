import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ReelDevServer {
  apiUrl: string;
  apiKey: string;
  stop(): Promise<void>;
}

/**
 * A real `reel dev` (API, workers, embedded Postgres) in a throwaway data folder on free ports, the
 * way a developer runs it: the browser tests hit the real routes, not a mock. `env` adds settings
 * such as a low `REEL_MAX_UPLOAD_BYTES`.
 */
export async function startReelDev(env: Record<string, string> = {}): Promise<ReelDevServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'reel-browser-test-'));
  // As root, embedded Postgres runs initdb as an unprivileged user, who must reach the folder.
  await chmod(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'platform/bin/reel.mjs'), 'dev'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      REEL_DATA_DIR: dataDir,
      REEL_EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() also ends the Postgres it started
  });
  let output = '';
  const stop = async () => {
    await stopProcessGroup(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`reel dev not ready in 120 s:\n${output}`)),
        120_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Reel is ready on')) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`reel dev exited with ${code}:\n${output}`));
      });
    });
    const state = JSON.parse(await readFile(join(dataDir, 'dev.json'), 'utf8')) as {
      apiUrl: string;
      apiKey: string;
    };
    return { apiUrl: state.apiUrl, apiKey: state.apiKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 15_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
