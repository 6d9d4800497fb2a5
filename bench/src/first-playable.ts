import { makeClip } from './inputs.js';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import type { Settings } from './settings.js';
import { benchTranscode } from './transcode.js';

/** The clip lengths the first-playable figures name; the ratio is reported for the two long ones. */
const LENGTHS = [
  { seconds: 10, ratio: false },
  { seconds: 30, ratio: true },
  { seconds: 120, ratio: true },
] as const;

/** Quick runs encode their own clips tiny (one rendition), so they add seconds, not minutes. */
const QUICK_SIZE = { width: 160, height: 90 };

export interface FirstPlayableResult {
  ratios: Record<string, number>;
  figures: Record<string, number | string>;
}

/**
 * complete → the manifest answers 200 (the video plays), for a short and two long clips, one
 * round each, beside a bare ffmpeg run of the whole ladder. A length the transcode benchmark
 * already ran is taken from it (`measured`, by seconds), at its size.
 */
export async function benchFirstPlayable(
  reel: RunningReel,
  settings: Settings,
  measured: ReadonlyMap<number, { playableSec: number; ratio: number }>,
): Promise<FirstPlayableResult> {
  const ratios: Record<string, number> = {};
  const figures: Record<string, number | string> = {};
  for (const { seconds, ratio } of LENGTHS) {
    const fromTranscode = measured.get(seconds);
    const fullSize = !settings.quick || fromTranscode !== undefined;
    const size = fullSize ? { width: settings.clipWidth, height: settings.clipHeight } : QUICK_SIZE;
    let result = fullSize ? fromTranscode : undefined;
    if (!result) {
      progress(`first playable: ${seconds} s at ${size.width}x${size.height}`);
      const clip = await makeClip(seconds, size.width, size.height);
      const run = await benchTranscode(reel, clip, 1, seconds);
      result = {
        playableSec: Number(run.figures.transcode_first_playable_sec),
        ratio: run.ratios.first_playable_vs_ffmpeg,
      };
    }
    figures[`first_playable_sec_${seconds}s`] = result.playableSec;
    figures[`first_playable_clip_size_${seconds}s`] = `${size.width}x${size.height}`;
    if (ratio) ratios[`first_playable_vs_ffmpeg_${seconds}s`] = result.ratio;
  }
  return { ratios, figures };
}
