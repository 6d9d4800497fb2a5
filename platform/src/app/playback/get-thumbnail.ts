import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { mediaAnswer } from './media-answer.js';
import { authorizePlayback } from './playback-access.js';
import type { PlaybackAccess, PlaybackAnswer } from './playback-answer.js';

export async function getThumbnail(
  ctx: Context,
  input: {
    videoId: string;
    size: components['schemas']['ThumbnailSize'];
    access: PlaybackAccess;
  },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'thumbnail', input.access);
  return mediaAnswer(ctx, grant, mediaKeys.thumbnail(grant.video.id, input.size), 'image/jpeg');
}
