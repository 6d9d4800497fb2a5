import type { Reel, Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masterVariants, playlistUris } from '../../src/domain/hls-playlists.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let sdk: Reel;
let video: Video;

beforeAll(async () => {
  // Objects on MinIO: the store serves media itself, so the API answers it with redirects.
  harness = await startHarness();
  sdk = (await harness.tenant()).sdk;
  const upload = await uploadFile(sdk, await clip('tiny.mp4'));
  video = (await sdk.videos.waitUntilSettled(upload.video_id, { intervalMs: 250 })) as Video;
});
afterAll(() => harness?.stop());

const text = async (url: string) => (await contractFetch(url)).text();

/** A media URL asked without following: contractFetch fails it unless the contract has its 302. */
async function redirectOf(url: string) {
  const response = await contractFetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '', url);
}

describe('media answers in S3 mode, as the contract declares them', () => {
  it('redirects a segment, a thumbnail and the storyboard to bytes the store serves', async () => {
    expect(video.status).toBe('ready');
    const base = `${harness.url}/v1/videos/${video.video_id}`;
    const manifest = `${base}/manifest.m3u8`;
    const [variant] = masterVariants(await text(manifest));
    const playlistUrl = new URL(variant?.uri ?? '', manifest).href;
    const [init] = playlistUris(await text(playlistUrl));
    const targets = [
      new URL(init ?? '', playlistUrl).href,
      `${base}/thumbnails/small`,
      `${base}/storyboard.jpg`,
    ];
    for (const target of targets) {
      const location = await redirectOf(target);
      expect(location.origin, target).not.toBe(new URL(harness.url).origin);
      const bytes = await fetch(location);
      expect(bytes.status, target).toBe(200);
      expect((await bytes.arrayBuffer()).byteLength, target).toBeGreaterThan(0);
    }
    expect(violations).toEqual([]);
  });
});
