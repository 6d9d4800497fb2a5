import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Context } from '../../context.js';
import type { VideoWithRenditions } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { type FramePlan, renditionForFrame, segmentAt } from '../../domain/thumbnails.js';

const FRAME_TIMEOUT_SEC = 20;

/** A playlist URI (`segments/seg_00001.m4s?x`) as the file name it is stored under. */
const fileOf = (uri: string) => basename(uri.split('?')[0] ?? uri);

/**
 * Makes the frame `plan` asks for from the stored rendition that covers its box and stores it
 * under `key`: only the init segment and the one media segment that holds the time are read.
 */
export async function makeFrame(
  ctx: Context,
  found: VideoWithRenditions,
  plan: FramePlan,
  key: string,
): Promise<void> {
  const videoId = found.video.id;
  const rendition = renditionForFrame(found.renditions, plan);
  if (!rendition) throw notFound('Media');
  const playlist = await ctx.store.readText(
    mediaKeys.mediaPlaylist(videoId, rendition.renditionId),
  );
  const held = segmentAt(playlist, plan.atSec);
  if (!held) throw notFound('Media');
  const scratch = await mkdtemp(join(tmpdir(), 'reel-frame-'));
  try {
    const input = join(scratch, 'frame.mp4');
    const out = createWriteStream(input);
    // An fMP4 init segment followed by a media segment is a playable MP4 file.
    for (const file of [held.init, held.segment]) {
      if (!file) continue;
      const key = mediaKeys.segment(videoId, rendition.renditionId, fileOf(file));
      await pipeline(await ctx.store.read(key), out, { end: false });
    }
    await new Promise<void>((resolve, reject) =>
      out.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
    const output = join(scratch, 'frame.jpg');
    await ctx.transcoder.grabFrame({
      input,
      offsetSec: held.offsetSec,
      width: plan.width,
      height: plan.height,
      fit: plan.fit,
      output,
      timeoutSec: FRAME_TIMEOUT_SEC,
    });
    await ctx.store.putFile(key, output);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
