import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { cachedVideo } from '../../db/cached-videos.js';
import { notFound } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { type FrameRequest, planFrame } from '../../domain/thumbnails.js';
import { makeFrame } from './make-frame.js';
import { mediaAnswer } from './media-answer.js';
import { authorizePlayback } from './playback-access.js';
import type { PlaybackAccess, PlaybackAnswer } from './playback-answer.js';

/**
 * A stored thumbnail size, or with `time`, `width`, `height` or `fit` a frame made on request
 * and kept under a key named by what was asked, so a repeat is read from the store.
 */
export async function getThumbnail(
  ctx: Context,
  input: {
    videoId: string;
    size: components['schemas']['ThumbnailSize'];
    access: PlaybackAccess;
    frame?: Omit<FrameRequest, 'size'>;
  },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'thumbnail', input.access);
  const { frame } = input;
  const asked = frame && Object.values(frame).some((value) => value !== undefined);
  if (!asked) {
    return mediaAnswer(ctx, grant, mediaKeys.thumbnail(grant.video.id, input.size), 'image/jpeg');
  }
  const found = await cachedVideo(ctx, grant.video.id);
  const { durationSec, width, height } = grant.video;
  if (!found || !durationSec || !width || !height) throw notFound('Media');
  const plan = planFrame({ ...frame, size: input.size }, { durationSec, width, height });
  const key = mediaKeys.frame(grant.video.id, plan.name);
  if (!(await ctx.store.head(key))) await makeFrame(ctx, found, plan, key);
  return mediaAnswer(ctx, grant, key, 'image/jpeg');
}
