import type { Context } from '../../context.js';
import { findCaption } from '../../db/captions.js';
import { notFound } from '../../domain/errors.js';
import { authorizePlayback } from './playback-access.js';
import type { PlaybackAccess } from './playback-answer.js';

/** A caption track plays like a rendition: with the master playlist's `st` on signed videos. */
export async function authorizeCaption(
  ctx: Context,
  input: { videoId: string; captionId: string; access: PlaybackAccess },
) {
  const grant = await authorizePlayback(ctx, input.videoId, 'media', input.access);
  const caption = await findCaption(ctx.database.ownerDb, grant.video.id, input.captionId);
  if (!caption) throw notFound('Caption');
  return { grant, caption };
}
