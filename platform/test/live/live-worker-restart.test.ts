import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { freePort } from '../support/free-port.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import {
  type Publisher,
  publish,
  publishReconnecting,
  type ReconnectingPublisher,
} from '../support/rtmp-publisher.js';
import { startReceiver } from '../support/webhook-receiver.js';
import { spawnWorker } from '../support/worker-process.js';

/** Long enough for a new live worker to start and the publisher to come back within it. */
const WINDOW_MS = 30_000;

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let rtmpPort: number;
const publishers: (Publisher | ReconnectingPublisher)[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  rtmpPort = await freePort();
  // The API and webhooks here; the live role only in the worker processes the test starts.
  harness = await startHarness({
    roles: ['relay', 'webhooks'],
    env: { ...liveEnv(), REEL_WEBHOOK_ALLOW_LOOPBACK: 'true' },
  });
});
afterAll(async () => {
  await Promise.all(publishers.map((p) => p.stop()));
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

const liveEnv = (port = rtmpPort, windowMs = WINDOW_MS) => ({
  REEL_RTMP_PORT: String(port),
  REEL_RTMP_PUBLIC_URL: `rtmp://localhost:${rtmpPort}/live`,
  REEL_LIVE_RECONNECT_WINDOW_MS: String(windowMs),
});

const tracked = <T extends Publisher | ReconnectingPublisher>(publisher: T) => {
  publishers.push(publisher);
  return publisher;
};

async function playlistOf(streamId: string) {
  const response = await contractFetch(
    `${harness.url}/v1/live-streams/${streamId}/renditions/360p/playlist.m3u8`,
  );
  return response.status === 200 ? response.text() : '';
}

const lastMsn = (playlist: string) => {
  const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1] ?? 0);
  const segments = playlist.match(/^#EXTINF/gm)?.length ?? 0;
  return sequence + segments - 1;
};

const sessionsIn = (playlist: string) =>
  new Set([...playlist.matchAll(/sessions\/([0-9a-f-]{36})\//g)].map((m) => m[1]));

const eventsOf = (streamId: string) =>
  receiver.received
    .map((r) => JSON.parse(r.body) as { type: string; sequence: number; data: LiveData })
    .filter((e) => e.data.live_stream?.live_stream_id === streamId)
    .sort((a, b) => a.sequence - b.sequence)
    .map((e) => e.type);
type LiveData = { live_stream?: { live_stream_id: string } };

/** The stream's webhooks once three came in. */
const threeEventsOf = (streamId: string) =>
  until('three webhooks', () => eventsOf(streamId).length >= 3 && eventsOf(streamId), 15_000);

/** A tenant with webhooks for its streams, a `low` stream, and a live worker to send it to. */
async function streamOnAWorker(title: string) {
  const { sdk } = await harness.tenant();
  await sdk.webhookEndpoints.create({
    url: receiver.url,
    event_types: ['live_stream.active', 'live_stream.idle', 'live_stream.ended'],
  });
  const stream = await sdk.liveStreams.create({ title, latency: 'low' });
  const first = await spawnWorker(['live'], liveEnv());
  onTestFinished(() => first.kill());
  return { sdk, stream, first };
}

describe('a live worker killed mid-stream', () => {
  it('lets a new worker take the session over within the reconnect window', async () => {
    const { sdk, stream, first } = await streamOnAWorker('Crash');
    const url = `${stream.rtmp_url}/${stream.stream_key}`;
    const encoder = tracked(publishReconnecting(url, { size: '320x180' }));
    const before = await until(
      'three segments from the first worker',
      async () => {
        const text = await playlistOf(stream.live_stream_id);
        return lastMsn(text) >= 2 ? text : undefined;
      },
      30_000,
    );
    expect((await sdk.liveStreams.get(stream.live_stream_id)).status).toBe('active');

    await first.kill();
    const killedAt = Date.now();
    const lastBefore = lastMsn(await playlistOf(stream.live_stream_id));
    // The RTMP socket dropped with the worker: ffmpeg gives up and the encoder tries again.
    await until('the encoder to reconnect', () => encoder.attempts() > 1, 15_000);

    // An orchestrator starts a new worker, which takes the session its predecessor left over.
    const second = await spawnWorker(['live'], liveEnv());
    onTestFinished(() => second.kill());
    const resumed = await until(
      'the playlist to grow again',
      async () => {
        const text = await playlistOf(stream.live_stream_id);
        return lastMsn(text) > lastBefore + 1 ? text : undefined;
      },
      WINDOW_MS,
    );
    const gapMs = Date.now() - killedAt;
    console.info(
      `live worker kill to playlist growing again: ${(gapMs / 1000).toFixed(2)} s, ` +
        `${encoder.attempts()} connection attempts`,
    );
    expect(gapMs).toBeLessThan(WINDOW_MS);

    // The same playlist goes on: older segments kept, a discontinuity, a new run's media.
    expect(resumed).toContain('#EXT-X-DISCONTINUITY');
    expect(resumed).not.toContain('#EXT-X-ENDLIST');
    for (const session of sessionsIn(before)) expect(resumed).toContain(`sessions/${session}/`);
    expect(sessionsIn(resumed).size).toBe(sessionsIn(before).size + 1);
    expect((await sdk.liveStreams.get(stream.live_stream_id)).status).toBe('active');
    // The publisher was gone while no worker ran: idle, then active again; never ended.
    expect(await threeEventsOf(stream.live_stream_id)).toEqual([
      'live_stream.active',
      'live_stream.idle',
      'live_stream.active',
    ]);
  }, 120_000);

  it('refuses a key another worker sends, and ends a session its dead worker left', async () => {
    const { sdk, stream, first } = await streamOnAWorker('Orphan');
    // Another worker on a port of its own, with a short window: the one left once the first dies.
    const otherPort = await freePort();
    const other = await spawnWorker(['live'], liveEnv(otherPort, 3000));
    onTestFinished(() => other.kill());
    tracked(publish(`${stream.rtmp_url}/${stream.stream_key}`, { size: '320x180' }));
    await until(
      'parts from the first worker',
      async () => (await playlistOf(stream.live_stream_id)).includes('#EXT-X-PART'),
      30_000,
    );
    // A second publisher with the same key, on the other worker, while the first sends.
    const second = tracked(
      publish(`rtmp://localhost:${otherPort}/live/${stream.stream_key}`, { size: '320x180' }),
    );
    expect(await second.exited).not.toBe(0);
    expect((await sdk.liveStreams.get(stream.live_stream_id)).status).toBe('active');

    // The first worker dies and its publisher never comes back: the stream does not stay active.
    await first.kill();
    const killedAt = Date.now();
    await until(
      'the session to end',
      async () => (await sdk.liveStreams.get(stream.live_stream_id)).status === 'ended',
      20_000,
    );
    console.info(`live worker kill to ended (3 s window): ${(Date.now() - killedAt) / 1000} s`);
    expect(await playlistOf(stream.live_stream_id)).toContain('#EXT-X-ENDLIST');
    expect(await threeEventsOf(stream.live_stream_id)).toEqual([
      'live_stream.active',
      'live_stream.idle',
      'live_stream.ended',
    ]);
  }, 120_000);
});
