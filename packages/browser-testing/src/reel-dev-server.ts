import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNodeProcess } from './process-group.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

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
  /** The process group `reel dev` and everything it started (Postgres, ffmpeg) run in. */
  processGroup: number;
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
  const [port, pgPort, rtmpPort] = [await freePort(), await freePort(), await freePort()];
  const reel = await startNodeProcess({
    script: join(REPO_ROOT, 'platform/bin/reel.mjs'),
    args: ['dev'],
    cwd: REPO_ROOT,
    env: {
      PORT: String(port),
      REEL_DATA_DIR: dataDir,
      REEL_EMBEDDED_PG_PORT: String(pgPort),
      // Its live role listens for RTMP: on a port of its own, beside other test servers.
      REEL_RTMP_PORT: String(rtmpPort),
      LOG_LEVEL: 'warn',
      ...env,
    },
    readyText: 'Reel is ready on',
    timeoutMs: 120_000,
  }).catch(async (error) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await reel.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const state = JSON.parse(await readFile(join(dataDir, 'dev.json'), 'utf8')) as {
      apiUrl: string;
      apiKey: string;
    };
    return { processGroup: reel.pid, apiUrl: state.apiUrl, apiKey: state.apiKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
