import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deadLetterTopic, KafkaBus } from '../../src/adapters/event-bus/kafka.js';
import { openDatabase } from '../../src/db/connection.js';
import { videos } from '../../src/db/schema.js';
import { type Harness, startHarness } from '../support/harness.js';
import { sleep, until } from '../support/polling.js';
import { killTranscodeMidJob } from '../support/transcode-crash.js';
import { loadServicesEnv, uniqueName } from './services-env.js';

const RESTART = fileURLToPath(new URL('../../../scripts/services/restart', import.meta.url));
const run = promisify(execFile);

let harness: Harness;
beforeAll(async () => {
  // Everything but transcoding: a separate worker process takes the job.
  harness = await startHarness({ roles: ['relay', 'publish', 'index', 'cleanup'] });
});
afterAll(() => harness?.stop());

describe('services mode under faults', () => {
  it('a transcode worker killed mid-job: another finishes it, published once', async () => {
    const videoId = await killTranscodeMidJob(harness, {
      leaseSec: 6,
      // The worker has the job once its ffmpeg runs.
      hasJob: (worker) =>
        until(
          'the worker to start ffmpeg',
          async () => {
            const { stdout } = await run('ps', ['-o', 'comm=', '--ppid', String(worker.pid)]).catch(
              () => ({ stdout: '' }),
            );
            return stdout.includes('ffmpeg');
          },
          90_000,
        ),
      settleTimeoutMs: 150_000,
    });
    // And on Kafka, one video.published message for this video.
    const kafka = new Kafka({
      brokers: loadServicesEnv().kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('published-check') });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: ['video.published'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === videoId) seen.push(String(message.value));
      },
    });
    await until(
      'video.published on Kafka',
      async () => (seen.length > 0 ? true : undefined),
      30_000,
    );
    await sleep(2_000);
    await consumer.disconnect();
    expect(seen).toHaveLength(1);
  });

  it('keeps answering while Redis restarts', async () => {
    const { apiKey, tenantId } = await harness.tenant();
    const id = randomUUID();
    await harness.reel.ctx.database.db.insert(videos).values({
      id,
      tenantId,
      status: 'ready',
      title: 'Through a Redis restart',
      originalKey: `raw-uploads/${id}/original`,
      publishedAt: new Date(),
    });
    const get = async () =>
      (
        await fetch(`${harness.url}/v1/videos/${id}`, {
          headers: { authorization: `Bearer ${apiKey}` },
        })
      ).status;
    expect(await get()).toBe(200);

    // Requests keep coming while scripts/services/restart stops Redis and starts it again.
    const statuses: number[] = [];
    let restarting = true;
    const restarted = run(RESTART, ['redis']).finally(() => {
      restarting = false;
    });
    while (restarting) {
      statuses.push(await get());
      await sleep(50); // a client's pace, not a synchronisation
    }
    await restarted;
    // The restart takes a few hundred milliseconds; requests went on all through it.
    expect(statuses.length).toBeGreaterThan(2);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // And the cache is back in use.
    expect(await harness.reel.ctx.cache.claimOnce(`test:${id}`, 60)).toBe(true);
  });

  it('sends a poison event to the dead-letter topic with its error, and the partition goes on', async () => {
    const database = await openDatabase({
      databaseUrl: inject('databaseUrl'),
      dataDir: '',
      embeddedPort: 0,
    });
    const env = loadServicesEnv();
    const bus = new KafkaBus(database.db, {
      brokers: env.kafkaBrokers,
      partitions: 3,
      groupPrefix: `${uniqueName('t')}.`,
    });
    const topic = uniqueName('poison');
    const handled: number[] = [];
    const consumer = bus.consume(
      'g',
      [topic],
      async ({ event }) => {
        if (event.payload.n === 0) throw new Error('poison: cannot parse this video');
        handled.push(event.payload.n as number);
      },
      { concurrency: 1, leaseSec: 6, maxAttempts: 3 },
    );
    const key = randomUUID();
    await bus.publish(
      [0, 1, 2].map((n) => ({
        eventId: randomUUID(),
        topic,
        key, // one key, so one partition: the poison is in front of the others
        tenantId: randomUUID(),
        payload: { n },
        emittedAt: new Date(),
      })),
    );
    await until(
      'the events behind the poison',
      async () => (handled.length === 2 ? true : undefined),
      60_000,
    );
    expect(handled).toEqual([1, 2]);

    const kafka = new Kafka({ brokers: env.kafkaBrokers, logLevel: logLevel.NOTHING });
    const reader = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    const dead: { error: string; value: string }[] = [];
    await reader.connect();
    await reader.subscribe({ topics: [deadLetterTopic(topic)], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        dead.push({ error: String(message.headers?.error ?? ''), value: String(message.value) });
      },
    });
    await until('the dead letter', async () => (dead.length > 0 ? true : undefined), 30_000);
    await reader.disconnect();
    await consumer.stop();
    await bus.close();
    await database.close();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.error).toBe('poison: cannot parse this video');
    expect(JSON.parse(dead[0]?.value ?? '{}').payload).toEqual({ n: 0 });
  });
});
