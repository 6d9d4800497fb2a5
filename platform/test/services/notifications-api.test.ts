import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newChannel,
  openStream,
  percentile,
  seedSubscribers,
  type Tenant,
  tenantWithKey,
  transcodedVideo,
  viewerOf,
} from '../http/notifications-world.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

/**
 * Notifications on Kafka and Redis across two API replicas: the stream is held by a replica
 * that runs no workers, so every notification reaches it through Redis.
 */
let workers: Harness;
let streamer: Harness;
let owner: Tenant;

beforeAll(async () => {
  workers = await startHarness();
  streamer = await startHarness({ roles: [] });
  owner = await tenantWithKey(workers);
});
afterAll(async () => {
  await streamer?.stop();
  await workers?.stop();
  expect(violations).toEqual([]);
});

const streamUrl = (h: Harness) => `${h.url}/v1/viewer/notifications/stream`;

describe('notifications in services mode', () => {
  it('a stream on another replica gets video.published within 2 s of publish', async () => {
    expect(workers.reel.ctx.notifications.name).toBe('redis');
    expect(workers.reel.ctx.bus.name).toMatch(/kafka/i);
    const channel = await newChannel(owner);
    const alice = await viewerOf(workers, owner);
    await alice.client.subscribe(channel.channel_id);
    const stream = await openStream(streamUrl(streamer), {
      authorization: `Bearer ${alice.token}`,
    });
    expect(stream.response.status).toBe(200);
    // The Kafka group joins first, so the figures measure delivery, not the join.
    const warmup = await transcodedVideo(workers, owner, channel.channel_id);
    const joining = Date.now();
    await owner.sdk.videos.publish(warmup);
    await until(
      'the first notification, once the group joined',
      () => stream.events.find((e) => e.data.data.video_id === warmup),
      120_000,
    );
    console.log(`services mode, first notification after start: ${Date.now() - joining} ms`);
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const videoId = await transcodedVideo(workers, owner, channel.channel_id);
      const started = Date.now();
      await owner.sdk.videos.publish(videoId);
      const event = await until('the notification on the other replica', () =>
        stream.events.find((e) => e.data.data.video_id === videoId),
      );
      latencies.push(event.at - started);
    }
    console.log(
      `services mode, publish → notification, 1 subscriber: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms`,
    );
    expect(percentile(latencies, 95)).toBeLessThan(2000);
    stream.close();
  });

  it('a cut stream resumes on the other replica with Last-Event-ID, once', async () => {
    const channel = await newChannel(owner);
    const alice = await viewerOf(workers, owner);
    await alice.client.subscribe(channel.channel_id);
    const first = await openStream(streamUrl(streamer), {
      authorization: `Bearer ${alice.token}`,
    });
    const seen = await transcodedVideo(workers, owner, channel.channel_id);
    await owner.sdk.videos.publish(seen);
    const last = await until('the first one', () => first.events[0]);
    first.close();
    const missed: string[] = [];
    for (let i = 0; i < 2; i++) {
      const videoId = await transcodedVideo(workers, owner, channel.channel_id);
      await owner.sdk.videos.publish(videoId);
      missed.push(videoId);
    }
    await until(
      'both stored',
      async () => (await alice.client.notifications.list({ unread: true }).all()).length === 3,
    );
    const again = await openStream(streamUrl(workers), {
      authorization: `Bearer ${alice.token}`,
      'last-event-id': last.id,
    });
    const live = await transcodedVideo(workers, owner, channel.channel_id);
    await owner.sdk.videos.publish(live);
    await until('the live one', () => again.events.find((e) => e.data.data.video_id === live));
    expect(again.events.map((e) => e.data.data.video_id)).toEqual([...missed, live]);
    again.close();
  });

  it('100,000 subscribers: the last hears, and a reply elsewhere still arrives within 2 s', async () => {
    const big = await newChannel(owner);
    await seedSubscribers(workers, owner, big.channel_id, 100_000);
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const lastOne = await viewerOf(workers, owner, 'bulk-0100000');
    const lastStream = await openStream(streamUrl(streamer), auth(lastOne.token));
    const alice = await viewerOf(workers, owner);
    const bob = await viewerOf(workers, owner);
    const small = await newChannel(owner);
    const talk = await transcodedVideo(workers, owner, small.channel_id);
    await owner.sdk.videos.publish(talk);
    const top = await alice.client.comments.create(talk, 'Anyone?');
    const aliceStream = await openStream(streamUrl(streamer), auth(alice.token));
    const videoId = await transcodedVideo(workers, owner, big.channel_id);
    const started = Date.now();
    await owner.sdk.videos.publish(videoId);
    await until('the fan-out to start', async () => {
      const page = await viewerOf(workers, owner, 'bulk-0000001');
      return (await page.client.notifications.list().all()).length > 0;
    });
    const replied = Date.now();
    await bob.client.comments.create(talk, 'Me!', { parentId: top.comment_id });
    const reply = await until('the reply during the fan-out', () => aliceStream.events[0]);
    const last = await until('the last subscriber', () => lastStream.events[0], 120_000);
    console.log(
      `services mode, 100,000 subscribers: last heard ${last.at - started} ms after publish; reply during fan-out ${reply.at - replied} ms`,
    );
    expect(reply.at - replied).toBeLessThan(2000);
    for (const s of [lastStream, aliceStream]) s.close();
  }, 180_000);
});
