import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { signViewerToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import type { Harness } from '../support/harness.js';
import { startLiveHarness } from '../support/live-harness.js';
import { until } from '../support/polling.js';
import { publish } from '../support/rtmp-publisher.js';
import { startReceiver } from '../support/webhook-receiver.js';

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['tenant']>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  // Short, so the session ends (and is recorded) soon after the publisher stops.
  harness = await startLiveHarness(1500);
  tenant = await harness.tenant();
  await tenant.sdk.webhookEndpoints.create({
    url: receiver.url,
    event_types: ['live_stream.ended', 'live_stream.recording.ready'],
  });
});
afterAll(async () => {
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

const recordingEvents = (streamId: string) =>
  receiver.received
    .map(
      (r) =>
        JSON.parse(r.body) as {
          type: string;
          data: { live_stream: { live_stream_id: string; recording_video_id: string | null } };
        },
    )
    .filter(
      (e) =>
        e.type === 'live_stream.recording.ready' && e.data.live_stream.live_stream_id === streamId,
    );

async function livePlaylist(streamId: string) {
  const response = await contractFetch(
    `${harness.url}/v1/live-streams/${streamId}/renditions/360p/playlist.m3u8`,
  );
  return response.status === 200 ? response.text() : '';
}

/** A viewer's chat message on the stream. */
async function chat(streamId: string, viewerToken: string, text: string) {
  const response = await contractFetch(`${harness.url}/v1/live-streams/${streamId}/chat/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${viewerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { message_id: string; at_sec: number | null };
}

/** The seconds of media a playlist lists. */
const secondsIn = (playlist: string) =>
  [...playlist.matchAll(/#EXTINF:([\d.]+),/g)].reduce((total, [, d]) => total + Number(d), 0);

/** An AAC frame: 1024 samples at 48 kHz. */
const AAC_FRAME_SEC = 1024 / 48_000;

/** Seconds of sound in a playlist's first audio stream: its first packet to its last one's end. */
async function soundIn(url: string) {
  const { stdout } = await promisify(execFile)('ffprobe', [
    ...['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pts_time'],
    ...['-of', 'csv=p=0', url],
  ]);
  const times = stdout.split('\n').map(Number).filter(Number.isFinite);
  if (times.length === 0) return 0;
  return Math.max(...times) - Math.min(...times) + AAC_FRAME_SEC;
}

async function durationOf(url: string) {
  const { stdout } = await promisify(execFile)('ffprobe', [
    ...['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', url],
  ]);
  return Number(stdout.trim());
}

describe('recording a live session as a video', () => {
  it('closes an ended session into a ready video whose manifest plays, with its sound, for as long as it was sent', async () => {
    const { channel_id } = await tenant.sdk.channels.create({
      handle: 'recorder',
      title: 'Recorder',
    });
    const stream = await tenant.sdk.liveStreams.create({
      title: 'Recorded',
      record: true,
      channel_id,
    });
    expect(stream.record).toBe(true);
    expect(stream.recording_video_id).toBeNull();
    const key = await tenant.sdk.signingKeys.create();
    const viewer = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { viewerId: 'watcher' },
    );
    // Said before the session: not part of its recording.
    await chat(stream.live_stream_id, viewer, 'waiting for the start');
    // The ladder starts a moment after the publisher: it is stopped once 6 s are in the playlist.
    const publisher = publish(`${stream.rtmp_url}/${stream.stream_key}`, { audio: true });
    await until(
      'six seconds of live segments',
      async () => {
        const text = await livePlaylist(stream.live_stream_id);
        return secondsIn(text) >= 6;
      },
      30_000,
    );
    const said = await chat(stream.live_stream_id, viewer, 'six seconds in');
    const oops = await chat(stream.live_stream_id, viewer, 'oops');
    const deleted = await contractFetch(
      `${harness.url}/v1/live-streams/${stream.live_stream_id}/chat/messages/${oops.message_id}`,
      { method: 'DELETE', headers: { authorization: `Bearer ${tenant.apiKey}` } },
    );
    expect(deleted.status).toBe(204);
    await publisher.stop();
    const [event] = await until(
      'live_stream.recording.ready',
      () => {
        const events = recordingEvents(stream.live_stream_id);
        return events.length > 0 ? events : undefined;
      },
      30_000,
    ).catch(async (error) => {
      throw error;
    });
    const videoId = event?.data.live_stream.recording_video_id ?? '';
    const after = await tenant.sdk.liveStreams.get(stream.live_stream_id);
    expect(after.status).toBe('ended');
    expect(after.recording_video_id).toBe(videoId);

    const video = await tenant.sdk.videos.get(videoId);
    expect(video.status).toBe('ready');
    expect(video.has_audio).toBe(true);
    expect(video.title).toBe('Recorded');
    expect(video.channel_id).toBe(channel_id);
    const manifest = `${harness.url}/v1/videos/${videoId}/manifest.m3u8`;
    const sent = secondsIn(await livePlaylist(stream.live_stream_id));
    expect(sent).toBeGreaterThanOrEqual(6);
    const probed = await durationOf(manifest);
    console.info(`recording: ${sent.toFixed(2)} s in the live playlist, ffprobe reads ${probed} s`);
    expect(Math.abs(probed - sent)).toBeLessThanOrEqual(1.5);
    expect(Math.abs((video.duration_sec ?? 0) - sent)).toBeLessThanOrEqual(1.5);
    const media = await contractFetch(
      `${harness.url}/v1/videos/${videoId}/renditions/360p/index.m3u8`,
    );
    const playlist = await media.text();
    expect(playlist).toContain('#EXT-X-ENDLIST');
    expect(playlist).not.toContain('#EXT-X-PART');
    // The copied segments keep the publisher's sound in every rendition.
    for (const rendition of ['360p', '180p']) {
      const sound = await soundIn(
        `${harness.url}/v1/videos/${videoId}/renditions/${rendition}/index.m3u8`,
      );
      console.info(`recording ${rendition}: ${sound.toFixed(2)} s of sound`);
      expect(Math.abs(sound - sent)).toBeLessThanOrEqual(1.5);
    }
    expect(recordingEvents(stream.live_stream_id)).toHaveLength(1);
    // The video replays the session's chat, in step with its frames, to anyone who may watch.
    const replay = await contractFetch(`${harness.url}/v1/videos/${videoId}/chat`);
    expect(replay.status).toBe(200);
    const { data } = (await replay.json()) as {
      data: { message_id: string; text: string; at_sec: number }[];
    };
    expect(data.map((m) => [m.message_id, m.text])).toEqual([[said.message_id, 'six seconds in']]);
    console.info(
      `recording chat: posted ${said.at_sec} s into the session, replayed at ${data[0]?.at_sec} s of the video`,
    );
    // Posted at the live edge, once 6 s were in: near the end of the video.
    expect(data[0]?.at_sec).toBeGreaterThanOrEqual(sent - 3);
    expect(data[0]?.at_sec).toBeLessThanOrEqual(sent + 1);
    // Another tenant does not see the recording.
    const other = await harness.tenant();
    const foreign = await contractFetch(`${harness.url}/v1/videos/${videoId}`, {
      headers: { authorization: `Bearer ${other.apiKey}` },
    });
    expect(foreign.status).toBe(404);
  }, 60_000);

  it('records only when asked: record is set by PATCH and refuses garbage', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Later' });
    expect(stream.record).toBe(false);
    const patched = await tenant.sdk.liveStreams.update(stream.live_stream_id, { record: true });
    expect(patched.record).toBe(true);
    expect((await tenant.sdk.liveStreams.get(stream.live_stream_id)).record).toBe(true);
    for (const record of ['yes', 1, null]) {
      const response = await contractFetch(
        `${harness.url}/v1/live-streams/${stream.live_stream_id}`,
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${tenant.apiKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ record }),
        },
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBeTruthy();
    }
  });
});
