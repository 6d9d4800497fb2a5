import { type Reel, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';

const CDN = 'https://cdn.example.test';
let harness: Harness;
let sdk: Reel;
let publicVideo: Video;
let signedVideo: Video;

beforeAll(async () => {
  // Objects on MinIO with a CDN in front, as a production setup would have it.
  harness = await startHarness({ env: { REEL_CDN_BASE_URL: CDN } });
  sdk = (await harness.tenant()).sdk;
  const [a, b] = await Promise.all([
    uploadFile(sdk, await clip('tiny.mp4')),
    uploadFile(sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' }),
  ]);
  [publicVideo, signedVideo] = (await Promise.all(
    [a, b].map((u) => sdk.videos.waitUntilSettled(u.video_id, { intervalMs: 250 })),
  )) as [Video, Video];
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
});
