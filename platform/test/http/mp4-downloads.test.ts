import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Reel, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { startReceiver } from '../support/webhook-receiver.js';

const run = promisify(execFile);

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let sdk: Reel;
let apiKey: string;
let other: Reel;
let publicVideo: Video;
let signedVideo: Video;
let key: { keyId: string; privateKey: string };
let foreignKey: { keyId: string; privateKey: string };

/** The streams and duration ffprobe reads from a downloaded MP4's URL. */
async function ffprobe(url: string) {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', url],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as {
    streams: { codec_type: string; height?: number }[];
    format: { duration: string; format_name: string };
  };
}

/** The video once its downloads are as many as `count`. */
const withDownloads = (videoId: string, count: number) =>
  until(`${count} downloads of ${videoId}`, async () => {
    const video = await sdk.videos.get(videoId);
    return video.downloads?.length === count ? video : undefined;
  });

const downloadUrl = (v: Video, file: string, query = '') =>
  `${harness.url}/v1/videos/${v.video_id}/downloads/${file}${query}`;

beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startHarness({ env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  ({ sdk, apiKey } = await harness.tenant());
  await sdk.webhookEndpoints.create({ url: receiver.url, event_types: ['video.downloads.ready'] });
  other = (await harness.tenant()).sdk;
  const created = await sdk.signingKeys.create();
  key = { keyId: created.key_id, privateKey: created.private_key };
  const foreign = await other.signingKeys.create();
  foreignKey = { keyId: foreign.key_id, privateKey: foreign.private_key };
  const [a, b] = [
    await uploadFile(sdk, await clip('eight-seconds.mp4'), {
      title: 'Été "à" la plage',
      mp4Support: 'all',
    }),
    await uploadFile(sdk, await clip('silent.mp4'), { playbackPolicy: 'signed' }),
  ];
  await sdk.videos.waitUntilSettled(a.video_id, { intervalMs: 200 });
  publicVideo = await withDownloads(a.video_id, 2);
  signedVideo = await sdk.videos.waitUntilSettled(b.video_id, { intervalMs: 200 });
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

describe('MP4 downloads', () => {
  it('lists one download per rendition, each an MP4 of the video with its sound', async () => {
    expect(publicVideo).toMatchObject({ status: 'ready', mp4_support: 'all' });
    const heights = publicVideo.renditions.map((r) => r.height).sort();
    expect(publicVideo.downloads?.map((d) => d.height).sort()).toEqual(heights);
    for (const download of publicVideo.downloads ?? []) {
      expect(download.url).toBe(downloadUrl(publicVideo, `${download.name}.mp4`));
      const probed = await ffprobe(download.url);
      expect(probed.format.format_name).toContain('mp4');
      expect(
        Math.abs(Number(probed.format.duration) - (publicVideo.duration_sec ?? 0)),
      ).toBeLessThanOrEqual(0.2);
      const kinds = probed.streams.map((s) => s.codec_type).sort();
      expect(kinds).toEqual(['audio', 'video']);
      expect(probed.streams.find((s) => s.codec_type === 'video')?.height).toBe(download.height);
    }
  });

  it('tells the tenant with a video.downloads.ready webhook listing them', async () => {
    type Hook = { type: string; data: { video_id: string; downloads: unknown[] } };
    const hook = await until('the downloads webhook', () =>
      receiver.received
        .map((h) => JSON.parse(h.body) as Hook)
        .find((b) => b.data.video_id === publicVideo.video_id),
    );
    expect(hook.type).toBe('video.downloads.ready');
    expect(hook.data.downloads).toEqual(publicVideo.downloads);
  });

  it('sends the file as an attachment named after the title, its index first', async () => {
    const [first] = publicVideo.downloads ?? [];
    const response = await contractFetch(first?.url ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="?t? \\"?\\" la plage.mp4"; filename*=UTF-8''%C3%89t%C3%A9%20%22%C3%A0%22%20la%20plage.mp4`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(first?.size_bytes);
    // +faststart: the index (moov) comes before the media (mdat).
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
  });

  it('answers a Range with 206 and those bytes, and one past the end with 416', async () => {
    const [first] = publicVideo.downloads ?? [];
    const whole = Buffer.from(await (await contractFetch(first?.url ?? '')).arrayBuffer());
    const part = await contractFetch(first?.url ?? '', { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${whole.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(whole.subarray(100, 200));
    const past = await contractFetch(first?.url ?? '', {
      headers: { Range: `bytes=${whole.length + 10}-` },
    });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.length}`);
  });

  it('refuses names it did not make, malformed ones and other videos', async () => {
    expect((await contractFetch(downloadUrl(publicVideo, 'highest.mp4'))).status).toBe(404);
    expect((await contractFetch(downloadUrl(publicVideo, '9999p.mp4'))).status).toBe(404);
    expect((await contractFetch(downloadUrl(publicVideo, '360p.mkv'))).status).toBe(400);
    expect((await contractFetch(downloadUrl(publicVideo, '360p%00.mp4'))).status).toBe(400);
    const missing = { ...publicVideo, video_id: '00000000-0000-4000-8000-000000000000' };
    expect((await contractFetch(downloadUrl(missing, '360p.mp4'))).status).toBe(404);
    const bad = await contractFetch(`${harness.url}/v1/videos/${publicVideo.video_id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mp4_support: 'every' }),
    });
    expect(bad.status).toBe(400);
  });

  it('makes a ready video its download when asked, for a token only, and removes it', async () => {
    expect(signedVideo).toMatchObject({ mp4_support: 'none', downloads: [] });
    const token = await signPlaybackToken(key, { videoId: signedVideo.video_id, expiresIn: '10m' });
    const withToken = downloadUrl(signedVideo, 'highest.mp4', `?token=${token}`);
    expect((await contractFetch(withToken)).status).toBe(404);

    await sdk.videos.update(signedVideo.video_id, { mp4_support: 'highest' });
    const made = await withDownloads(signedVideo.video_id, 1);
    expect(made.downloads?.[0]).toMatchObject({ name: 'highest', height: 360, width: 640 });
    const refused = await contractFetch(downloadUrl(signedVideo, 'highest.mp4'));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('playback_token_required');
    const foreign = await signPlaybackToken(foreignKey, {
      videoId: signedVideo.video_id,
      expiresIn: '10m',
    });
    const forged = downloadUrl(signedVideo, 'highest.mp4', `?token=${foreign}`);
    // Another tenant's key signs nothing here: it reads as a forged token.
    expect((await contractFetch(forged)).status).toBe(401);
    const garbage = downloadUrl(signedVideo, 'highest.mp4', '?token=not.a%00jwt');
    expect((await contractFetch(garbage)).status).toBe(401);
    const probed = await ffprobe(withToken);
    expect(probed.streams.map((s) => s.codec_type)).toEqual(['video']);
    expect(Math.abs(Number(probed.format.duration) - (made.duration_sec ?? 0))).toBeLessThanOrEqual(
      0.2,
    );

    await sdk.videos.update(signedVideo.video_id, { mp4_support: 'none' });
    await withDownloads(signedVideo.video_id, 0);
    expect((await contractFetch(withToken)).status).toBe(404);
  });

  it('hides the setting and the files from another tenant', async () => {
    await expect(other.videos.get(publicVideo.video_id)).rejects.toMatchObject({ status: 404 });
    await expect(
      other.videos.update(publicVideo.video_id, { mp4_support: 'none' }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await sdk.videos.get(publicVideo.video_id)).downloads).toHaveLength(2);
  });
});
