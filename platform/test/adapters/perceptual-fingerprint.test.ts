import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegTranscoder } from '../../src/adapters/transcoder/ffmpeg.js';
import { findFfmpeg } from '../../src/adapters/transcoder/ffmpeg-binaries.js';
import {
  FINGERPRINT_FPS,
  FLAT_FRAME,
  fingerprintOf,
  matchFingerprint,
} from '../../src/domain/perceptual-fingerprint.js';
import { transcodeJobFor } from '../../src/transcoding.js';
import {
  blockedClip,
  UNRELATED_CLIP_SEC,
  UNRELATED_SOURCES,
  unrelatedReel,
  VARIANTS,
  variantOf,
} from '../support/fingerprint-clips.js';

const transcoder = new FfmpegTranscoder(findFfmpeg());
let scratch: string;
let blockedPath: string;
let blocked: bigint[];

/** The fingerprint the transcode role computes for a file: the real run, its frames hashed. */
async function fingerprintOfFile(input: string) {
  const job = await transcodeJobFor(input, await mkdtemp(join(scratch, 'job-')));
  await transcoder.transcode(job);
  return fingerprintOf(await readFile(join(job.outDir, 'fingerprint.gray')));
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'reel-fingerprint-'));
  blockedPath = await blockedClip();
  blocked = await fingerprintOfFile(blockedPath);
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('perceptual fingerprints of transcoded files', () => {
  it('samples two frames a second, none of them flat', () => {
    expect(blocked).toHaveLength(16);
    expect(blocked.filter((hash) => hash === FLAT_FRAME)).toEqual([]);
  });

  it('matches every re-encoded, resized, trimmed and recoloured copy of the blocked clip', async () => {
    const matched: string[] = [];
    for (const name of Object.keys(VARIANTS)) {
      const match = matchFingerprint(
        await fingerprintOfFile(await variantOf(name, blockedPath)),
        blocked,
      );
      if (match) matched.push(name);
      // 2 s in, give or take the frame the seek lands on.
      if (name === 'trimmed-2s.mp4')
        expect(Math.abs((match?.offsetFrames ?? 0) - 4)).toBeLessThan(2);
    }
    console.info(`perceptual match rate: ${matched.length}/${Object.keys(VARIANTS).length}`);
    expect(matched).toEqual(Object.keys(VARIANTS));
  });

  it('matches none of 50 unrelated clips', async () => {
    expect(UNRELATED_SOURCES).toHaveLength(50);
    const reel = await fingerprintOfFile(await unrelatedReel());
    const frames = UNRELATED_CLIP_SEC * FINGERPRINT_FPS;
    expect(reel).toHaveLength(50 * frames);
    const falseMatches = UNRELATED_SOURCES.filter((_, i) =>
      matchFingerprint(reel.slice(i * frames, (i + 1) * frames), blocked),
    );
    console.info(`perceptual false matches: ${falseMatches.length}/50`);
    expect(falseMatches).toEqual([]);
  });
});
