import { signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaKeys } from '../../src/domain/media-keys.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { probeImage } from '../support/images.js';

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['tenant']>>;
let video: Video;
let signedVideo: Video;

beforeAll(async () => {
  harness = await startHarness();
  tenant = await harness.tenant();
  const [a, b] = [
    await uploadFile(tenant.sdk, await clip('silent.mp4')),
    await uploadFile(tenant.sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' }),
  ];
  video = await tenant.sdk.videos.waitUntilSettled(a.video_id, { intervalMs: 200 });
  signedVideo = await tenant.sdk.videos.waitUntilSettled(b.video_id, { intervalMs: 200 });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const thumbnail = (query: string, v: Video = video) =>
  contractFetch(`${harness.url}/v1/videos/${v.video_id}/thumbnails/medium?${query}`);

async function image(query: string) {
  const response = await thumbnail(query);
  expect(response.status, query).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/jpeg');
  const bytes = Buffer.from(await response.arrayBuffer());
  return { ...(await probeImage(bytes)), bytes, etag: response.headers.get('etag') };
}

describe('thumbnails on request', () => {
  it('fits the frame into the box as `fit` says', async () => {
    // The source is 640x360 (16:9).
    const sized = async (query: string) => {
      const { width, height, codec } = await image(query);
      return { width, height, codec };
    };
    expect(await sized('width=400&height=300&fit=cover')).toEqual({
      width: 400,
      height: 300,
      codec: 'mjpeg',
    });
    expect(await sized('width=400&height=300&fit=contain')).toMatchObject({
      width: 400,
      height: 225,
    });
    expect(await sized('width=400&height=300')).toMatchObject({ width: 400, height: 225 });
    expect(await sized('width=400&height=300&fit=fill')).toMatchObject({ width: 400, height: 300 });
    expect(await sized('width=400&height=300&fit=pad')).toMatchObject({ width: 400, height: 300 });
    expect(await sized('width=320')).toMatchObject({ width: 320, height: 180 });
    expect(await sized('height=90')).toMatchObject({ width: 160, height: 90 });
    expect(await sized('width=1920&height=1080')).toMatchObject({ width: 1920, height: 1080 });
  });

  it('grabs the frame at `time`, and serves a repeat from the store', async () => {
    const early = await image('time=0.2&width=160');
    const late = await image('time=2.6&width=160');
    expect(early.bytes.equals(late.bytes)).toBe(false);
    const stored = mediaKeys.frame(video.video_id, 't2600-160x90-fill');
    const info = await harness.reel.ctx.store.head(stored);
    expect(info).not.toBeNull();
    const again = await image('time=2.6&width=160');
    expect(again.etag).toBe(late.etag);
    expect(again.bytes.equals(late.bytes)).toBe(true);
    // Served from the stored object: still the one written the first time.
    expect((await harness.reel.ctx.store.head(stored))?.lastModified).toEqual(info?.lastModified);
    // The very end still has a frame to show.
    expect((await image(`time=${video.duration_sec}&width=160`)).width).toBe(160);
  });

  it('refuses sizes and times out of bounds with the reason', async () => {
    for (const query of [
      'width=1921',
      'height=4000',
      'width=0',
      'width=-5',
      'time=-1',
      'time=abc',
      'fit=stretch',
      'width=1e400',
      'time=86401',
    ]) {
      const response = await thumbnail(query);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_request' });
    }
    const past = await thumbnail('time=3.5');
    expect(past.status).toBe(422);
    expect(await past.json()).toMatchObject({
      code: 'invalid_thumbnail_time',
      details: { duration_sec: video.duration_sec },
    });
  });

  it("needs a playback token for a signed video's frames", async () => {
    const refused = await thumbnail('time=1&width=100', signedVideo);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'playback_token_required' });
    const created = await tenant.sdk.signingKeys.create();
    const key = { keyId: created.key_id, privateKey: created.private_key };
    const token = await signPlaybackToken(key, {
      videoId: signedVideo.video_id,
      audience: 't',
      expiresIn: '5m',
    });
    const allowed = await thumbnail(`time=1&width=100&token=${token}`, signedVideo);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('cache-control')).toContain('private');
    const videoOnly = await signPlaybackToken(key, {
      videoId: signedVideo.video_id,
      audience: 'v',
    });
    const wrongAudience = await thumbnail(`time=1&width=100&token=${videoOnly}`, signedVideo);
    expect(wrongAudience.status).toBe(403);
  });
});
