import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Reel } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOUDNESS_TARGET } from '../../src/domain/loudness.js';
import { clip } from '../support/clips.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

const run = promisify(execFile);

let harness: Harness;
let sdk: Reel;

/** Integrated loudness in LUFS, as ffmpeg's EBU R128 meter reads it from a file or a URL. */
async function integratedLufs(input: string): Promise<number> {
  const { stderr } = await run(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', input, '-map', '0:a:0', '-af', 'ebur128', '-f', 'null', '-'],
    { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return Number(/I:\s+(-?\d+(?:\.\d+)?) LUFS/.exec(summary)?.[1]);
}

/** Uploads the quiet clip and returns the loudness of what its audio rendition plays. */
async function publishedLufs(normalizeAudio: boolean) {
  const uploaded = await uploadFile(sdk, await clip('quiet-tone.mp4'), { normalizeAudio });
  const video = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
  expect(video).toMatchObject({ status: 'ready', normalize_audio: normalizeAudio });
  return integratedLufs(`${harness.url}/v1/videos/${video.video_id}/renditions/audio/index.m3u8`);
}

beforeAll(async () => {
  harness = await startHarness();
  sdk = (await harness.tenant()).sdk;
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('loudness normalisation (EBU R128, two passes)', () => {
  it('brings a -30 LUFS upload to within 1 LU of -23 LUFS, and leaves it when not asked', async () => {
    expect(await integratedLufs(await clip('quiet-tone.mp4'))).toBeCloseTo(-30, 0);
    const [normalised, untouched] = await Promise.all([publishedLufs(true), publishedLufs(false)]);
    expect(Math.abs(normalised - LOUDNESS_TARGET.integratedLufs)).toBeLessThanOrEqual(1);
    expect(Math.abs(untouched - -30)).toBeLessThanOrEqual(1);
  });
});
