import { type Reel, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

const CDN = 'https://cdn.example.test';
let harness: Harness;
let sdk: Reel;
let publicVideo: Video;
let signedVideo: Video;
let downloadable: Video;

beforeAll(async () => {
  // Objects on MinIO with a CDN in front, as a production setup would have it.
  harness = await startHarness({ env: { REEL_CDN_BASE_URL: CDN } });
  sdk = (await harness.tenant()).sdk;
  const [a, b, c] = await Promise.all([
    uploadFile(sdk, await clip('tiny.mp4')),
    uploadFile(sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' }),
    uploadFile(sdk, await clip('tiny.mp4'), { title: 'Été à la plage', mp4Support: 'highest' }),
  ]);
  [publicVideo, signedVideo] = (await Promise.all(
    [a, b].map((u) => sdk.videos.waitUntilSettled(u.video_id, { intervalMs: 250 })),
  )) as [Video, Video];
  await sdk.videos.waitUntilSettled(c.video_id, { intervalMs: 250 });
  downloadable = await until('the download to be made', async () => {
    const video = await sdk.videos.get(c.video_id);
    return video.downloads?.length ? video : undefined;
  });
});
afterAll(() => harness?.stop());

const redirectOf = async (path: string) => {
  const response = await fetch(`${harness.url}${path}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
};

describe('media redirects with a CDN in front of the bucket', () => {
  it('sends a public video’s media to the CDN', async () => {
    const location = await redirectOf(`/v1/videos/${publicVideo.video_id}/thumbnails/medium`);
    expect(location.origin).toBe(CDN);
    expect(location.pathname).toContain(publicVideo.video_id);
  });

  it('never sends a signed video’s media to the CDN: only to a URL that expires', async () => {
    const key = await sdk.signingKeys.create();
    const token = await signPlaybackToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { videoId: signedVideo.video_id, audience: 't', expiresIn: '5m' },
    );
    const location = await redirectOf(
      `/v1/videos/${signedVideo.video_id}/thumbnails/medium?token=${encodeURIComponent(token)}`,
    );
    expect(location.origin).not.toBe(CDN);
    expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeGreaterThan(0);
    expect((await fetch(location)).status).toBe(200);
    // And the CDN address of the same object is nowhere in what a viewer is given.
    expect(location.href).not.toContain('cdn.example.test');
  });

  it('sends a download to a presigned URL that saves it under the title, not to the CDN', async () => {
    const name = downloadable.downloads?.[0]?.name;
    const location = await redirectOf(`/v1/videos/${downloadable.video_id}/downloads/${name}.mp4`);
    expect(location.origin).not.toBe(CDN);
    const saved = await fetch(location);
    expect(saved.status).toBe(200);
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect(saved.headers.get('content-disposition')).toContain("filename*=UTF-8''%C3%89t%C3%A9");
    await saved.arrayBuffer();
    // The name is signed: a URL edited to save under another name is refused.
    const edited = new URL(location);
    edited.searchParams.set('response-content-disposition', 'attachment; filename="x.exe"');
    expect((await fetch(edited)).status).toBe(403);
  });
});
