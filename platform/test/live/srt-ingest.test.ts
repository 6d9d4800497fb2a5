import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { liveEventTypes, startLiveHarnessWithWebhooks } from '../support/live-harness.js';
import { until } from '../support/polling.js';
import { type Publisher, publish } from '../support/rtmp-publisher.js';

const WINDOW_MS = 5000;

let bed: Awaited<ReturnType<typeof startLiveHarnessWithWebhooks>>;
const publishers: Publisher[] = [];

beforeAll(async () => {
  bed = await startLiveHarnessWithWebhooks(WINDOW_MS, ['live_stream.active', 'live_stream.idle'], {
    srt: true,
  });
});
afterAll(async () => {
  await Promise.all(publishers.map((p) => p.stop()));
  await bed?.harness.stop();
  await bed?.receiver.close();
  expect(violations).toEqual([]);
});

/** An SRT caller sending H.264 and AAC in MPEG-TS with this streamid. */
const calling = (srtUrl: string, streamId: string) => {
  const publisher = publish(`${srtUrl}?streamid=${encodeURIComponent(streamId)}`, {
    size: '320x180',
    audio: true,
    container: 'mpegts',
  });
  publishers.push(publisher);
  return publisher;
};

const rtmpSending = (url: string) => {
  const publisher = publish(url, { size: '320x180', audio: true });
  publishers.push(publisher);
  return publisher;
};

const statusOf = async (id: string) => (await bed.tenant.sdk.liveStreams.get(id)).status;

async function playlistOf(streamId: string) {
  const response = await contractFetch(
    `${bed.harness.url}/v1/live-streams/${streamId}/renditions/360p/playlist.m3u8`,
  );
  return response.status === 200 ? response.text() : '';
}

const segmentsIn = (playlist: string) => playlist.match(/^#EXTINF/gm)?.length ?? 0;

/** From a publisher's start: when its stream went active, and when its first part was listed. */
async function timeToLive(streamId: string, started: number) {
  const active = await until(
    'active',
    async () => ((await statusOf(streamId)) === 'active' ? Date.now() : undefined),
    15_000,
  );
  const part = await until(
    'a first part',
    async () => ((await playlistOf(streamId)).includes('#EXT-X-PART:') ? Date.now() : undefined),
    20_000,
  );
  return { activeMs: active - started, partMs: part - started };
}

const eventsOf = (streamId: string) => liveEventTypes(bed.receiver.received, streamId);

/** Sends datagrams to the gateway from a socket of its own, and collects what comes back. */
async function rawCaller(srtUrl: string, loopback = '127.0.0.1') {
  const port = Number(new URL(srtUrl.replace(/^srt:/, 'http:')).port);
  const socket = createSocket(loopback === '::1' ? 'udp6' : 'udp4');
  const answers: Buffer[] = [];
  socket.on('message', (message) => answers.push(message));
  await new Promise<void>((resolve) => socket.bind(0, loopback, () => resolve()));
  return {
    answers,
    send: (packet: Buffer) =>
      new Promise<void>((resolve) => socket.send(packet, port, loopback, () => resolve())),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** A handshake packet: control type 0, the 48 fixed bytes, then extensions. */
function handshake(
  fields: { type: number; cookie?: number; version?: number },
  ext = Buffer.alloc(0),
) {
  const packet = Buffer.alloc(64 + ext.length);
  packet.writeUInt32BE(0x80000000, 0);
  packet.writeUInt32BE(fields.version ?? 4, 16);
  packet.writeUInt16BE(fields.version === 5 ? 5 : 2, 22);
  packet.writeUInt32BE(1234, 24);
  packet.writeUInt32BE(1500, 28);
  packet.writeUInt32BE(8192, 32);
  packet.writeUInt32BE(fields.type >>> 0, 36);
  packet.writeUInt32BE(0x1234567, 40);
  packet.writeUInt32BE((fields.cookie ?? 0) >>> 0, 44);
  ext.copy(packet, 64);
  return packet;
}

/** An SRT_CMD_SID extension as libsrt writes it: each 4-byte word reversed. */
function sidExtension(streamId: Buffer) {
  const content = Buffer.alloc(Math.ceil(streamId.length / 4) * 4);
  streamId.copy(content);
  content.swap32();
  const header = Buffer.alloc(4);
  header.writeUInt16BE(5, 0);
  header.writeUInt16BE(content.length / 4, 2);
  return Buffer.concat([header, content]);
}

describe('live ingest over SRT', () => {
  it('takes a caller with its key as streamid, refuses wrong keys and second callers at once', async () => {
    const stream = await bed.tenant.sdk.liveStreams.create({ title: 'SRT', latency: 'low' });
    expect(stream.srt_url).toMatch(/^srt:\/\/localhost:\d+$/);
    const srtUrl = stream.srt_url ?? '';

    // A wrong key and a key of no stream's are refused at once, and nothing goes active.
    for (const streamId of [`${stream.stream_key}x`, 'live/nothing']) {
      const refusedAt = Date.now();
      const refused = calling(srtUrl, streamId);
      expect(await refused.exited).not.toBe(0);
      const refusedMs = Date.now() - refusedAt;
      console.info(`SRT: caller with a wrong key exited after ${refusedMs} ms`);
      // Rejected, not timed out (libsrt's caller gives up after 3 s without an answer).
      expect(refused.stderr()).toMatch(/REJECT reported/);
      expect(refusedMs).toBeLessThan(2500);
    }
    expect(await statusOf(stream.live_stream_id)).toBe('idle');

    const started = Date.now();
    const caller = calling(srtUrl, stream.stream_key);
    const srt = await timeToLive(stream.live_stream_id, started);
    console.info(`SRT: publish to active ${srt.activeMs} ms, to first part ${srt.partMs} ms`);
    await until(
      'three segments',
      async () => segmentsIn(await playlistOf(stream.live_stream_id)) >= 3,
      20_000,
    );
    expect(caller.process.exitCode).toBeNull();

    // A second caller on the same key while the first sends is refused at once.
    const secondAt = Date.now();
    expect(await calling(srtUrl, stream.stream_key).exited).not.toBe(0);
    console.info(`SRT: second caller on the key refused in ${Date.now() - secondAt} ms`);
    const growing = segmentsIn(await playlistOf(stream.live_stream_id));
    await until(
      'the playlist growing',
      async () => segmentsIn(await playlistOf(stream.live_stream_id)) > growing,
      10_000,
    );
    expect(caller.process.exitCode).toBeNull();

    // The caller stops: the session goes idle, as over RTMP.
    await caller.stop();
    await until('idle', async () => (await statusOf(stream.live_stream_id)) === 'idle', 10_000);
    await until(
      'the live_stream.idle webhook',
      () => eventsOf(stream.live_stream_id).includes('live_stream.idle'),
      10_000,
    );
    expect(eventsOf(stream.live_stream_id)).toEqual(['live_stream.active', 'live_stream.idle']);

    // Back within the window it resumes; disabled while it sends, the caller is cut off.
    const back = calling(srtUrl, stream.stream_key);
    await until(
      'active again',
      async () => (await statusOf(stream.live_stream_id)) === 'active',
      15_000,
    );
    const disabledAt = Date.now();
    await bed.tenant.sdk.liveStreams.disable(stream.live_stream_id);
    expect(await back.exited).not.toBe(0);
    console.info(`SRT: caller cut ${Date.now() - disabledAt} ms after disable`);

    // The same publisher over RTMP, for comparison.
    const rtmp = await bed.tenant.sdk.liveStreams.create({ title: 'RTMP', latency: 'low' });
    const rtmpStarted = Date.now();
    const rtmpPublisher = rtmpSending(`${rtmp.rtmp_url}/${rtmp.stream_key}`);
    const overRtmp = await timeToLive(rtmp.live_stream_id, rtmpStarted);
    console.info(
      `RTMP: publish to active ${overRtmp.activeMs} ms, to first part ${overRtmp.partMs} ms`,
    );
    await rtmpPublisher.stop();
  }, 90_000);

  it('survives garbage datagrams and forged handshakes, and still takes a good caller', async () => {
    const stream = await bed.tenant.sdk.liveStreams.create({ title: 'After garbage' });
    const srtUrl = stream.srt_url ?? '';
    const raw = await rawCaller(srtUrl);
    try {
      await raw.send(randomBytes(1316));
      await raw.send(Buffer.from([0x80]));
      await raw.send(Buffer.alloc(0));
      await raw.send(handshake({ type: 1 }).subarray(0, 40));
      await raw.send(Buffer.concat([handshake({ type: 1 }), Buffer.from([0, 5, 0xff, 0xff])]));
      // A conclusion with a cookie the gateway never gave: dropped.
      await raw.send(
        handshake(
          { type: -1, cookie: 42, version: 5 },
          sidExtension(Buffer.from(stream.stream_key)),
        ),
      );
      // A real induction gets the gateway's cookie; conclusions with it and a huge, a NUL-filled
      // and an absent streamid are refused with access control's "forbidden" (1000 + 1403).
      await raw.send(handshake({ type: 1 }));
      const induction = await until('the induction answer', () => raw.answers[0], 5000);
      expect(induction.readUInt32BE(16)).toBe(5);
      expect(induction.readUInt16BE(22)).toBe(0x4a17);
      const cookie = induction.readUInt32BE(44);
      const forged = [
        sidExtension(Buffer.alloc(4000, 'k')),
        sidExtension(Buffer.from(`\0${stream.stream_key}\0`)),
        Buffer.alloc(0),
      ];
      for (const [i, ext] of forged.entries()) {
        await raw.send(handshake({ type: -1, cookie, version: 5 }, ext));
        const answer = await until('the rejection', () => raw.answers[i + 1], 5000);
        expect(answer.readUInt32BE(36)).toBe(2403);
        expect(answer.readUInt32BE(12)).toBe(0x1234567);
      }
    } finally {
      await raw.close();
    }
    // Where `localhost` is ::1 (as on most Linux distributions), a caller gets an answer there too.
    const overIpv6 = await rawCaller(srtUrl, '::1');
    try {
      await overIpv6.send(handshake({ type: 1 }));
      const answer = await until('the induction answer over IPv6', () => overIpv6.answers[0], 5000);
      expect(answer.readUInt16BE(22)).toBe(0x4a17);
    } finally {
      await overIpv6.close();
    }
    const caller = calling(srtUrl, stream.stream_key);
    await until('active', async () => (await statusOf(stream.live_stream_id)) === 'active', 15_000);
    // A caller that vanishes without a shutdown (killed, its network gone) goes quiet: the
    // gateway ends its relay after 5 s without packets, and the session goes idle.
    const killedAt = Date.now();
    caller.process.kill('SIGKILL');
    await until('idle', async () => (await statusOf(stream.live_stream_id)) === 'idle', 15_000);
    console.info(`SRT: caller killed to idle ${Date.now() - killedAt} ms`);
  }, 60_000);
});
