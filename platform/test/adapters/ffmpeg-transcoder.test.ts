import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/transcoder/ffmpeg.js';
import { findFfmpeg } from '../../src/adapters/transcoder/ffmpeg-binaries.js';
import { chooseLadder } from '../../src/domain/ladder.js';
import { FINGERPRINT_FPS, FRAME_SIDE } from '../../src/domain/perceptual-fingerprint.js';
import { planStoryboard } from '../../src/domain/storyboard.js';
import type { TranscodeJob } from '../../src/ports/transcoder.js';
import { type ClipName, clip } from '../support/clips.js';

const transcoder = new FfmpegTranscoder(findFfmpeg());
const scratch: string[] = [];

afterEach(async () => {
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The job the transcode worker builds, for a source checked at `checkedSec` (else as probed). */
async function jobFor(
  name: ClipName,
  checkedSec: number | null,
  over: Partial<TranscodeJob> = {},
): Promise<TranscodeJob> {
  const input = await clip(name);
  const probe = await transcoder.probe(input);
  const { width, height } = probe.video ?? { width: 0, height: 0 };
  const dir = await mkdtemp(join(tmpdir(), 'reel-transcoder-'));
  scratch.push(dir);
  return {
    input,
    demuxer: 'matroska',
    outDir: join(dir, 'out'),
    ladder: chooseLadder(width, height),
    audio: probe.hasAudio,
    segmentSec: 4,
    firstSegmentSec: 1,
    thumbnailAtSec: 0,
    thumbnails: [{ size: 'small', width, height }],
    storyboard: planStoryboard(width, height, checkedSec ?? probe.durationSec ?? 0),
    fingerprint: { fps: FINGERPRINT_FPS, side: FRAME_SIDE },
    maxPixels: 4096 * 4096,
    timeoutSec: 60,
    maxOutputBytes: 1024 ** 3,
    ...over,
  };
}

describe('FfmpegTranscoder caps', () => {
  it('probes the duration the packets span, not the header', async () => {
    const lying = await transcoder.probe(await clip('lying-duration.mkv'));
    expect(lying.durationSec).toBeGreaterThan(59);
    expect(lying.durationSec).toBeLessThan(61.5);
    const inflated = await transcoder.probe(await clip('inflated-duration.mkv'));
    expect(inflated.durationSec).toBeLessThan(4);
  });

  it('fails a run that decodes past the duration it was checked at', async () => {
    const job = await jobFor('lying-duration.mkv', 5);
    await expect(transcoder.transcode(job)).rejects.toMatchObject({ code: 'too_long' });
    // It stopped near the checked duration instead of decoding all 60 s.
    const segments = (await readdir(join(job.outDir, '120p'))).filter((f) => f.endsWith('.m4s'));
    expect(segments.length).toBeLessThanOrEqual(4);
  });

  it('transcodes a file checked at its real duration', async () => {
    const job = await jobFor('inflated-duration.mkv', null);
    await transcoder.transcode(job);
    expect(await readdir(job.outDir)).toContain('master.m3u8');
  });

  it('fails a run whose output ends up over the output cap, however fast it was', async () => {
    const job = await jobFor('inflated-duration.mkv', null, { maxOutputBytes: 4096 });
    await expect(transcoder.transcode(job)).rejects.toMatchObject({ code: 'output_too_large' });
  });
});
