import { setTimeout as wait } from 'node:timers/promises';
import type { Context } from '../../context.js';
import type { EncodeProgress, TranscodeJob } from '../../ports/transcoder.js';
import { makePlayable } from './make-playable.js';
import { ProgressivePublisher } from './progressive-publisher.js';
import { renditionIdsOf } from './rendition-files.js';

/** How often the output is looked at for finished segments: a fraction of a segment. */
const POLL_MS = 150;

/**
 * Runs the transcode while storing its segments as they are finished; the video turns
 * `playable` once every rendition has some (unless `playEarly` is off). Returns the keys already stored. A store failure
 * ends the job after ffmpeg does, so the retry starts clean.
 */
export async function encodeProgressively(
  ctx: Context,
  videoId: string,
  job: TranscodeJob,
  onProgress: (progress: EncodeProgress) => void,
  options: { playEarly: boolean; signal?: AbortSignal },
): Promise<ReadonlySet<string>> {
  const publisher = new ProgressivePublisher(
    ctx.store,
    videoId,
    job.outDir,
    renditionIdsOf(job.ladder, job.audio),
    job.segmentSec,
  );
  await publisher.start();
  let encoding = true;
  let playable = false;
  // Kept, not thrown at once: nobody awaits the loop until ffmpeg is done.
  let publishFailure: unknown;
  const publishing = (async () => {
    while (encoding) {
      if ((await publisher.publishNew()) && options.playEarly && !playable) {
        playable = true;
        await makePlayable(ctx, videoId);
      }
      await wait(POLL_MS);
    }
  })().catch((error: unknown) => {
    publishFailure = error;
  });
  try {
    await ctx.transcoder.transcode(job, onProgress, options.signal);
  } finally {
    encoding = false;
    await publishing;
  }
  if (publishFailure !== undefined) throw publishFailure;
  return publisher.stored;
}
