import { type Admin, type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServicesEnv, uniqueName } from './services-env.js';

interface Received {
  partition: number;
  key: string;
  value: { event_id: string; video_id: string };
}

describe('Kafka from scripts/services', () => {
  const env = loadServicesEnv();
  const topic = uniqueName('reel-test-topic');
  const groupId = uniqueName('reel-test-group');
  const kafka = new Kafka({
    clientId: 'reel-services-test',
    brokers: env.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    admin = kafka.admin();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    consumer = kafka.consumer({ groupId });
    await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
  });

  afterAll(async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates a topic with the partitions asked for', async () => {
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });

  it('delivers produced messages to a consumer group, same key to same partition', async () => {
    const videos = ['vid_a', 'vid_b', 'vid_c', 'vid_d'];
    const sent = videos.flatMap((videoId) =>
      [1, 2].map((n) => ({ event_id: `${videoId}-evt-${n}`, video_id: videoId })),
    );

    await consumer.subscribe({ topic, fromBeginning: true });
    const received: Received[] = [];
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          received.push({
            partition,
            key: message.key?.toString() ?? '',
            value: JSON.parse(message.value?.toString() ?? 'null'),
          });
          if (received.length === sent.length) resolve();
        },
      });
    });

    await producer.send({
      topic,
      messages: sent.map((event) => ({ key: event.video_id, value: JSON.stringify(event) })),
    });
    await allReceived;

    expect(received.map((r) => r.value.event_id).sort()).toEqual(
      sent.map((e) => e.event_id).sort(),
    );
    for (const videoId of videos) {
      const partitions = new Set(received.filter((r) => r.key === videoId).map((r) => r.partition));
      expect(partitions.size).toBe(1);
    }
    // Events of one video keep their order within its partition.
    for (const videoId of videos) {
      expect(received.filter((r) => r.key === videoId).map((r) => r.value.event_id)).toEqual([
        `${videoId}-evt-1`,
        `${videoId}-evt-2`,
      ]);
    }
  });

  it('has committed the group offsets up to the end of every partition', async () => {
    await consumer.stop();
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    const byPartition = (entries: Array<{ partition: number; offset: string }>) =>
      Object.fromEntries(entries.map((e) => [e.partition, Math.max(0, Number(e.offset))]));
    // A partition no key landed on has no commit (-1) and an end offset of 0.
    expect(byPartition(committed[0]?.partitions ?? [])).toEqual(byPartition(ends));
    expect(ends.reduce((sum, e) => sum + Number(e.offset), 0)).toBe(8);
  });
});
