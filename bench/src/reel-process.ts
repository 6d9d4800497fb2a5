import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reel } from '@reel/sdk';
import pg from 'pg';
import { freePort } from './free-port.js';
import { progress } from './progress.js';

export interface RunningReel {
  pid: number;
  apiUrl: string;
  apiKey: string;
  dataDir: string;
  sdk: Reel;
  /** The embedded Postgres, for reading pipeline timestamps and feeding the outbox. */
  db: pg.Pool;
  /** Every ffmpeg command line Reel started, with the moment its line reached us. */
  ffmpegStarts: { atMs: number; line: string }[];
  /** The last lines Reel wrote, to explain a failure. */
  tail(): string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 180_000;

/**
 * Starts `reel dev` as a child process on embedded defaults in a fresh data folder. A child,
 * not an in-process import, so its CPU time and peak RSS are its own and not the load
 * generator's.
 */
export async function startReel(
  repoRoot: string,
  options: {
    cpuProfDir?: string | undefined;
    /** Settings that move ports onto services (Kafka, Redis…), applied after the clean-up. */
    services?: Record<string, string>;
  } = {},
): Promise<RunningReel> {
  const dataDir = await mkdtemp(join(tmpdir(), 'reel-bench-'));
  // As root, embedded Postgres runs as its own user, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    REEL_DATA_DIR: dataDir,
    REEL_EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    // Reel then prints each ffmpeg command line: the bare baseline is checked against it.
    REEL_DEBUG_FFMPEG: '1',
    // Load generators are one key and one IP far past any real client's rate: lift the limits
    // so every request is served (the limiter still runs and its cost is measured).
    REEL_RATE_LIMIT_PER_KEY: '1000000000',
    REEL_RATE_LIMIT_PER_IP: '1000000000',
  };
  // Embedded defaults only: a services URL in the caller's shell must not leak in.
  for (const name of [
    'DATABASE_URL',
    'KAFKA_BROKERS',
    'S3_ENDPOINT',
    'REDIS_URL',
    'OPENSEARCH_URL',
  ])
    delete env[name];
  Object.assign(env, options.services);
  const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, join(repoRoot, 'platform/bin/reel.mjs'), 'dev'],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const ffmpegStarts: RunningReel['ffmpegStarts'] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      if (line.startsWith('ffmpeg ')) ffmpegStarts.push({ atMs: performance.now(), line });
      lines.push(line);
      if (lines.length > 50) lines.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A crash of the bench must not leave Reel (and its Postgres) running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const statePath = join(dataDir, 'dev.json');
  const started = Date.now();
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (!existsSync(statePath)) {
    if (exitCode !== undefined) {
      throw new Error(`reel dev exited (${exitCode}) before it was ready:\n${lines.join('\n')}`);
    }
    if (Date.now() - started > STARTUP_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`reel dev was not ready after ${STARTUP_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // dev.json is written whole in one call, but read it only once it parses.
  let state: { apiUrl: string; apiKey: string } | undefined;
  while (!state) {
    try {
      state = JSON.parse(readFileSync(statePath, 'utf8')) as { apiUrl: string; apiKey: string };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  progress(`reel dev ready on ${state.apiUrl} (pid ${child.pid}, data ${dataDir})`);
  const db = new pg.Pool({
    connectionString: `postgres://reel:reel@127.0.0.1:${pgPort}/reel`,
    max: 2,
  });

  return {
    pid: child.pid ?? 0,
    apiUrl: state.apiUrl,
    apiKey: state.apiKey,
    dataDir,
    sdk: new Reel({ apiKey: state.apiKey, baseUrl: state.apiUrl, maxRetries: 0 }),
    db,
    ffmpegStarts,
    tail: () => lines.join('\n'),
    async stop() {
      await db.end().catch(() => {});
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timeout);
      }
      process.off('exit', killOnExit);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Kills a child we started and waits for it to go. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
}
