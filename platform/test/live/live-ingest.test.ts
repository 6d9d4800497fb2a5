import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signViewerToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import type { Harness } from '../support/harness.js';
import { liveEventTypes, startLiveHarness } from '../support/live-harness.js';
import { until } from '../support/polling.js';
import { type Publisher, publish } from '../support/rtmp-publisher.js';
import { startReceiver } from '../support/webhook-receiver.js';

/** Short, so the test sees a session end; a publisher back within it resumes the session. */
const WINDOW_MS = 5000;

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['tenant']>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const publishers: Publisher[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startLiveHarness(WINDOW_MS);
  tenant = await harness.tenant();
  await tenant.sdk.webhookEndpoints.create({
    url: receiver.url,
    event_types: ['live_stream.active', 'live_stream.idle', 'live_stream.ended'],
  });
});
afterAll(async () => {
  await Promise.all(publishers.map((p) => p.stop()));
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

const sending = (url: string, options?: Parameters<typeof publish>[1]) => {
  const publisher = publish(url, options);
  publishers.push(publisher);
  return publisher;
};

const eventsOf = (streamId: string) => liveEventTypes(receiver.received, streamId);

const get = (path: string) => contractFetch(`${harness.url}${path}`);

async function playlistOf(streamId: string, rendition = '360p', query = '') {
  const response = await get(
    `/v1/live-streams/${streamId}/renditions/${rendition}/playlist.m3u8${query}`,
  );
  expect(response.status).toBe(200);
  return response.text();
}

const lastMsn = (playlist: string) => {
  const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1]);
  const segments = playlist.match(/^#EXTINF/gm)?.length ?? 0;
  return sequence + segments - 1;
};

async function heightOf(url: string) {
  const { stdout } = await promisify(execFile)('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=height'],
    ...['-of', 'csv=p=0', url],
  ]);
  return Number(stdout.trim());
}

const probe = async (args: string[]) =>
  (await promisify(execFile)('ffprobe', ['-v', 'error', ...args])).stdout.trim();

/** The codecs of a file's streams, as `codec_type:codec_name` lines. */
const streamsOf = async (url: string) =>
  (await probe(['-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', url]))
    .split('\n')
    .map((line) => line.split(',').reverse().join(':'));

/** The stream's 360p playlist once it lists three segments. */
const threeSegments = (streamId: string) =>
  until(
    'three segments',
    async () => {
      const text = await playlistOf(streamId).catch(() => '');
      return (text.match(/^#EXTINF/gm)?.length ?? 0) >= 3 ? text : undefined;
    },
    20_000,
  );

/** The stream's 360p playlist once it lists a part, and how long that took from now. */
async function firstPart(streamId: string) {
  const started = Date.now();
  const playlist = await until(
    'a first part',
    async () => {
      const text = await playlistOf(streamId).catch(() => '');
      return text.includes('#EXT-X-PART:') ? text : undefined;
    },
    20_000,
  );
  return { playlist, ms: Date.now() - started };
}

describe('live ingest over RTMP and LL-HLS playback', () => {
  it('takes a publisher with the key, goes active and serves LL-HLS parts as they are made', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Low', latency: 'low' });
    const publisher = sending(`${stream.rtmp_url}/${stream.stream_key}`);
    const first = await firstPart(stream.live_stream_id);
    console.info(`publish to first part, video only: ${first.ms} ms`);
    await until(
      'the stream is active',
      async () => (await tenant.sdk.liveStreams.get(stream.live_stream_id)).status === 'active',
      15_000,
    );
    await until(
      'the live_stream.active webhook',
      () => eventsOf(stream.live_stream_id).includes('live_stream.active'),
      15_000,
    );
    const manifest = await until(
      'the master playlist',
      async () => {
        const response = await get(`/v1/live-streams/${stream.live_stream_id}/manifest.m3u8`);
        return response.status === 200 ? response.text() : undefined;
      },
      15_000,
    );
    expect(manifest).toContain('renditions/360p/playlist.m3u8');
    expect(manifest).toContain('renditions/180p/playlist.m3u8');

    const playlist = await threeSegments(stream.live_stream_id);
    // The chat counts from the session's start, three seconds of segments ago at least.
    const key = await tenant.sdk.signingKeys.create();
    const viewer = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { viewerId: 'watcher' },
    );
    const chatted = await contractFetch(
      `${harness.url}/v1/live-streams/${stream.live_stream_id}/chat/messages`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${viewer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'we are live' }),
      },
    );
    expect(chatted.status).toBe(201);
    const { at_sec } = (await chatted.json()) as { at_sec: number };
    expect(at_sec).toBeGreaterThanOrEqual(2);
    expect(at_sec).toBeLessThan(60);
    expect(playlist).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=');
    const partTarget = Number(/#EXT-X-PART-INF:PART-TARGET=([\d.]+)/.exec(playlist)?.[1]);
    expect(partTarget).toBeGreaterThan(0.2);
    expect(partTarget).toBeLessThanOrEqual(0.34);
    const parts = [...playlist.matchAll(/#EXT-X-PART:DURATION=([\d.]+),URI="([^"]+)"/g)];
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const [, duration] of parts) expect(Number(duration)).toBeLessThanOrEqual(partTarget);
    expect(playlist).toMatch(/#EXT-X-PRELOAD-HINT:TYPE=PART,URI="[^"]+"/);
    expect(playlist).toMatch(/#EXT-X-PROGRAM-DATE-TIME:/);
    for (const [, duration] of playlist.matchAll(/#EXTINF:([\d.]+),/g)) {
      expect(Number(duration)).toBeGreaterThan(0.9);
      expect(Number(duration)).toBeLessThan(1.1);
    }
    // Each segment's date is the one before it plus its duration, from the first segment on
    // (the ladder's start-up burst included), so players can line the timeline up by it.
    const dated = [
      ...playlist.matchAll(
        /#EXT-X-PROGRAM-DATE-TIME:(\S+)\n(?:#EXT-X-PART:[^\n]*\n)*#EXTINF:([\d.]+),/g,
      ),
    ].map(([, date, duration]) => ({ at: Date.parse(date ?? ''), duration: Number(duration) }));
    expect(dated.length).toBeGreaterThanOrEqual(3);
    for (const [previous, next] of dated.slice(0, -1).map((d, i) => [d, dated[i + 1]] as const)) {
      expect(
        Math.abs((next?.at ?? 0) - previous.at - previous.duration * 1000),
      ).toBeLessThanOrEqual(2);
    }

    // A blocking reload for the next segment is held until it is in, and then names it.
    const next = lastMsn(playlist) + 1;
    const started = Date.now();
    const held = await playlistOf(stream.live_stream_id, '360p', `?_HLS_msn=${next}&_HLS_part=0`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(held).toContain(`${next}.0.m4s`);

    // Parts, segments and the init segment are real fMP4 that plays at the rendition's height.
    const base = `${harness.url}/v1/live-streams/${stream.live_stream_id}/renditions/360p/`;
    const segmentUri = held.split('\n').find((line) => /^[^#].*\/\d+\.m4s$/.test(line)) ?? '';
    const part = await get(new URL(parts[0]?.[2] ?? '', base).pathname);
    expect(part.status).toBe(200);
    expect(part.headers.get('content-type')).toBe('video/mp4');
    const initUri = /#EXT-X-MAP:URI="([^"]+)"/.exec(held)?.[1] ?? '';
    expect(await heightOf(new URL(initUri, base).href)).toBe(360);
    expect((await get(new URL(segmentUri, base).pathname)).status).toBe(200);
    expect(await heightOf(new URL(initUri.replace('/360p/', '/180p/'), base).href)).toBe(180);
    // A publisher without audio gets renditions without audio, as before.
    expect(await streamsOf(new URL(initUri, base).href)).toEqual(['video:h264']);

    // A second publisher with the same key is refused while the first sends.
    const second = sending(`${stream.rtmp_url}/${stream.stream_key}`);
    expect(await second.exited).not.toBe(0);
    expect(publisher.process.exitCode).toBeNull();

    // The publisher leaves and comes back within the window: the session goes on.
    await publisher.stop();
    await until('idle', () => eventsOf(stream.live_stream_id).includes('live_stream.idle'), 10_000);
    const before = lastMsn(await playlistOf(stream.live_stream_id));
    sending(`${stream.rtmp_url}/${stream.stream_key}`);
    const resumed = await until(
      'segments after the reconnect',
      async () => {
        const text = await playlistOf(stream.live_stream_id);
        return lastMsn(text) > before + 1 ? text : undefined;
      },
      20_000,
    );
    expect(resumed).toContain('#EXT-X-DISCONTINUITY');
    expect(resumed).not.toContain('#EXT-X-ENDLIST');
    expect(eventsOf(stream.live_stream_id)).toEqual([
      'live_stream.active',
      'live_stream.idle',
      'live_stream.active',
    ]);
    // Each carries the stream as the move left it, numbered per stream.
    const bodies = receiver.received
      .map(
        (r) =>
          JSON.parse(r.body) as {
            type: string;
            sequence: number;
            data: { live_stream: { live_stream_id: string; status: string } };
          },
      )
      .filter((e) => e.data.live_stream?.live_stream_id === stream.live_stream_id);
    for (const body of bodies)
      expect(body.type).toBe(`live_stream.${body.data.live_stream.status}`);
    expect(bodies.map((b) => b.sequence).sort()).toEqual([1, 2, 3]);
  }, 90_000);

  it("carries the publisher's audio as AAC into the same parts of every rendition", async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Loud', latency: 'low' });
    sending(`${stream.rtmp_url}/${stream.stream_key}`, { audio: true });
    const first = await firstPart(stream.live_stream_id);
    console.info(`publish to first part, with audio: ${first.ms} ms`);
    const playlist = await threeSegments(stream.live_stream_id);
    const partTarget = Number(/#EXT-X-PART-INF:PART-TARGET=([\d.]+)/.exec(playlist)?.[1]);
    const parts = [...playlist.matchAll(/#EXT-X-PART:DURATION=([\d.]+)/g)];
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const [, duration] of parts) expect(Number(duration)).toBeLessThanOrEqual(partTarget);
    const scratch = await mkdtemp(join(tmpdir(), 'reel-live-audio-'));
    try {
      for (const rendition of ['360p', '180p']) {
        const text = await playlistOf(stream.live_stream_id, rendition);
        const base = `${harness.url}/v1/live-streams/${stream.live_stream_id}/renditions/${rendition}/`;
        const initUri = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1] ?? '';
        const partUri = [...text.matchAll(/#EXT-X-PART:[^\n]*URI="([^"]+)"/g)].at(-1)?.[1] ?? '';
        // One part after its init segment: the file a player appends.
        const bytes = await Promise.all(
          [initUri, partUri].map(async (uri) => {
            const response = await get(new URL(uri, base).pathname);
            expect(response.status).toBe(200);
            return Buffer.from(await response.arrayBuffer());
          }),
        );
        const file = join(scratch, `${rendition}.mp4`);
        await writeFile(file, Buffer.concat(bytes));
        expect((await streamsOf(file)).sort()).toEqual(['audio:aac', 'video:h264']);
        const audio = await probe([
          ...['-select_streams', 'a:0', '-show_entries', 'stream=sample_rate,channels'],
          ...['-of', 'csv=p=0', file],
        ]);
        expect(audio).toBe('48000,2');
        // Sound and picture start together: the sound is not dated early.
        const starts = await probe(['-show_entries', 'stream=start_time', '-of', 'csv=p=0', file]);
        const [videoStart, audioStart] = starts.split('\n').map(Number);
        expect(Math.abs((videoStart ?? 0) - (audioStart ?? Number.NaN))).toBeLessThan(0.1);
        // The part starts on a key frame and holds about a part's worth of sound.
        const videoFlags = await probe([
          ...['-select_streams', 'v:0', '-show_entries', 'packet=flags', '-of', 'csv=p=0', file],
        ]);
        expect(videoFlags.split('\n')[0]).toMatch(/^K/);
        const audioPackets = await probe([
          ...['-select_streams', 'a:0', '-show_entries', 'packet=duration_time', '-of', 'csv=p=0'],
          file,
        ]);
        const sound = audioPackets.split('\n').reduce((total, d) => total + Number(d), 0);
        expect(sound).toBeGreaterThan(0.2);
        expect(sound).toBeLessThan(0.5);
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    // The playlist goes on growing, as without audio.
    const before = lastMsn(playlist);
    await until(
      'two more segments',
      async () => lastMsn(await playlistOf(stream.live_stream_id)) >= before + 2,
      10_000,
    );
  }, 60_000);

  it('starts the ladder for a publisher that announces audio but never sends any, video only', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Muted', latency: 'low' });
    sending(`${stream.rtmp_url}/${stream.stream_key}`, { audio: 'announced' });
    const first = await firstPart(stream.live_stream_id);
    console.info(`publish to first part, audio announced but never sent: ${first.ms} ms`);
    const base = `${harness.url}/v1/live-streams/${stream.live_stream_id}/renditions/360p/`;
    const initUri = /#EXT-X-MAP:URI="([^"]+)"/.exec(first.playlist)?.[1] ?? '';
    expect(await streamsOf(new URL(initUri, base).href)).toEqual(['video:h264']);
    const before = lastMsn(await threeSegments(stream.live_stream_id));
    await until(
      'the playlist goes on growing',
      async () => lastMsn(await playlistOf(stream.live_stream_id)) > before,
      10_000,
    );
  }, 60_000);

  it('refuses a wrong key and a disabled stream at once, and cuts a publisher when disabled', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Guarded' });
    const wrong = sending(`${stream.rtmp_url}/reel_live_${'x'.repeat(43)}`);
    const garbage = sending(`${stream.rtmp_url}/${encodeURIComponent('../../etc')}`);
    const refusedAt = Date.now();
    expect(await wrong.exited).not.toBe(0);
    expect(await garbage.exited).not.toBe(0);
    expect(Date.now() - refusedAt).toBeLessThan(5000);
    expect((await tenant.sdk.liveStreams.get(stream.live_stream_id)).status).toBe('idle');

    const live = sending(`${stream.rtmp_url}/${stream.stream_key}`);
    await until(
      'active',
      async () => (await tenant.sdk.liveStreams.get(stream.live_stream_id)).status === 'active',
      15_000,
    );
    await tenant.sdk.liveStreams.disable(stream.live_stream_id);
    expect(await live.exited).not.toBe(0);
    const again = sending(`${stream.rtmp_url}/${stream.stream_key}`);
    expect(await again.exited).not.toBe(0);
    expect((await tenant.sdk.liveStreams.get(stream.live_stream_id)).status).toBe('disabled');
  }, 60_000);

  it('keeps two streams apart, never above the input, and ends a session after the window', async () => {
    const [a, b] = await Promise.all([
      tenant.sdk.liveStreams.create({ title: 'A', latency: 'standard' }),
      tenant.sdk.liveStreams.create({ title: 'B', latency: 'low' }),
    ]);
    if (!a || !b) throw new Error('no streams');
    const small = sending(`${a.rtmp_url}/${a.stream_key}`, { size: '320x180' });
    const large = sending(`${b.rtmp_url}/${b.stream_key}`);
    const standard = await until(
      'a standard segment',
      async () => {
        const text = await playlistOf(a.live_stream_id).catch(() => '');
        return text.includes('#EXTINF') ? text : undefined;
      },
      30_000,
    );
    expect(standard).not.toContain('#EXT-X-PART');
    expect(standard).toContain('#EXT-X-TARGETDURATION:4');
    const base = `${harness.url}/v1/live-streams/${a.live_stream_id}/renditions/360p/`;
    const initA = /#EXT-X-MAP:URI="([^"]+)"/.exec(standard)?.[1] ?? '';
    // The input is 180 lines high: the "360p" rendition is not scaled up.
    expect(await heightOf(new URL(initA, base).href)).toBe(180);
    // Two ladders share the machine: B may cut its first part after A's first segment.
    const lowB = await until(
      'a low-latency part',
      async () => {
        const text = await playlistOf(b.live_stream_id).catch(() => '');
        return text.includes('#EXT-X-PART') ? text : undefined;
      },
      30_000,
    );
    const sessionOf = (text: string) => /sessions\/([0-9a-f-]{36})\//.exec(text)?.[1];
    expect(sessionOf(lowB)).not.toBe(sessionOf(standard));
    // Another stream's session under this stream's id is not there.
    const crossed = await get(
      `/v1/live-streams/${b.live_stream_id}/sessions/${sessionOf(standard)}/360p/init.mp4`,
    );
    expect(crossed.status).toBe(404);

    await Promise.all([small.stop(), large.stop()]);
    await until('ended', () => eventsOf(a.live_stream_id).includes('live_stream.ended'), 20_000);
    expect((await tenant.sdk.liveStreams.get(a.live_stream_id)).status).toBe('ended');
    expect(await playlistOf(a.live_stream_id)).toContain('#EXT-X-ENDLIST');
  }, 90_000);

  it('answers 404 for streams without media, unknown ids and bad names, and 400 for garbage', async () => {
    const idle = await tenant.sdk.liveStreams.create({ title: 'Never sent' });
    expect((await get(`/v1/live-streams/${idle.live_stream_id}/manifest.m3u8`)).status).toBe(404);
    expect((await get(`/v1/live-streams/${crypto.randomUUID()}/manifest.m3u8`)).status).toBe(404);
    const file = `/v1/live-streams/${idle.live_stream_id}/sessions/${crypto.randomUUID()}/360p`;
    expect((await get(`${file}/init.mp4`)).status).toBe(404);
    expect((await get(`${file}/..%2F..%2Findex.json`)).status).toBe(400);
    expect((await get(`${file}/1.999.m4s`)).status).toBe(400);
    const playlist = `/v1/live-streams/${idle.live_stream_id}/renditions/360p/playlist.m3u8`;
    expect((await get(`${playlist}?_HLS_msn=-1`)).status).toBe(400);
    expect((await get(`${playlist}?_HLS_msn=99999999999`)).status).toBe(400);
    expect((await get(`${playlist}?_HLS_part=abc`)).status).toBe(400);
    expect(
      (await get(`/v1/live-streams/${idle.live_stream_id}/renditions/x%00/playlist.m3u8`)).status,
    ).toBe(400);
  });
});
