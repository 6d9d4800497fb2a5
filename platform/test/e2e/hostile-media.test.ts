import type { Reel, Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClipName, clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';
import { readHls } from '../support/hls-reader.js';

/** Low caps, so files that break them stay a few hundred kilobytes and seconds to transcode. */
const MAX_DURATION_SEC = 10;
const MAX_PIXELS = 1_000_000;

let harness: Harness;
let sdk: Reel;

beforeAll(async () => {
  harness = await startHarness({
    env: { REEL_MAX_DURATION_SEC: String(MAX_DURATION_SEC), REEL_MAX_PIXELS: String(MAX_PIXELS) },
  });
  sdk = (await harness.tenant()).sdk;
});
afterAll(() => harness?.stop());

async function uploadAndWait(name: ClipName): Promise<Video> {
  const video = await uploadFile(sdk, await clip(name), { title: name });
  return sdk.videos.waitUntilSettled(video.video_id, { timeoutMs: 90_000, intervalMs: 250 });
}

async function expectFailedUnplayable(video: Video, code: string) {
  expect(video.status).toBe('failed');
  expect(video.error?.code).toBe(code);
  expect(video.playback).toBeNull();
  const manifest = await fetch(`${harness.url}/v1/videos/${video.video_id}/manifest.m3u8`);
  expect(manifest.status).toBe(409);
}

describe('caps hold on what a file holds, not on what its header says', () => {
  it('fails a 60 s file whose header claims 2 s, past a 10 s cap', async () => {
    const video = await uploadAndWait('lying-duration.mkv');
    await expectFailedUnplayable(video, 'too_long');
    expect(video.error?.message).toMatch(/60 s is over the 10 s limit/);
  });

  it('publishes a 3 s file whose header claims 20 s, with its real duration', async () => {
    const video = await uploadAndWait('inflated-duration.mkv');
    expect(video.status).toBe('ready');
    expect(video.duration_sec).toBeCloseTo(3, 0);
    const hls = await readHls(video.playback?.manifest_url ?? '');
    expect(hls.variants[0]?.durationSec).toBeCloseTo(3, 0);
  });

  it('fails a stream whose frames grow past the pixel cap after the probed ones', async () => {
    const video = await uploadAndWait('growing-frames.ts');
    await expectFailedUnplayable(video, 'too_many_pixels');
  });
});
