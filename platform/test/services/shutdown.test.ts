import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../support/free-port.js';
import { until } from '../support/polling.js';
import { spawnReelDev } from './reel-dev-process.js';

let dataDir: string;
let pgPort: number;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'reel-shutdown-'));
  // Postgres runs as its own user when the tests run as root.
  await chmod(dataDir, 0o755);
  pgPort = await freePort();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

// `reel dev` with nothing configured: its own Postgres under the data folder. Only Postgres is
// under test here, so the services stay out of it.
const embedded = async (options: { returnOnOutput?: string; logLevel?: string } = {}) => {
  const reel = await spawnReelDev({
    dataDir,
    returnOnOutput: options.returnOnOutput,
    env: {
      LOG_LEVEL: options.logLevel ?? 'warn',
      DATABASE_URL: '',
      REEL_EMBEDDED_PG_PORT: String(pgPort),
      KAFKA_BROKERS: '',
      REDIS_URL: '',
      OPENSEARCH_URL: '',
      S3_BUCKET: '',
    },
  });
  onTestFinished(reel.kill);
  return reel;
};

describe('reel dev on its embedded Postgres stops in order', () => {
  it('exits 0 on SIGTERM, then on Ctrl-C, and its Postgres is stopped and starts again', async () => {
    const first = await embedded();
    expect(first.output()).toContain('Created the development tenant');
    expect(await first.stop('SIGTERM'), first.output()).toBe(0);
    expect(first.output()).not.toMatch(/Unhandled|terminating connection|Error/);
    expect(await accepting(pgPort)).toBe(false);

    // Ctrl-C in a terminal signals the whole process group: Postgres gets SIGINT at once too.
    const second = await embedded();
    // The same data: the development tenant of the first start is still there.
    expect(second.output()).not.toContain('Created the development tenant');
    expect(await second.stop('SIGINT', { group: true }), second.output()).toBe(0);
    expect(second.output()).not.toMatch(/Unhandled|Error:/);
    await until('Postgres to stop', async () => !(await accepting(pgPort)), 15_000);
  });

  it('exits 0 on a SIGTERM that comes mid start-up, with Postgres up and the API not yet', async () => {
    // The adapters line is logged once Postgres is migrated, before the API listens.
    const starting = await embedded({ returnOnOutput: 'adapters:', logLevel: 'info' });
    expect(await starting.stop('SIGTERM'), starting.output()).toBe(0);
    expect(starting.output()).not.toMatch(/Unhandled|terminating connection|Error:/);
    expect(await accepting(pgPort)).toBe(false);
  });
});
