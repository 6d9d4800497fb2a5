import type { Context } from '../../context.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { mediaAnswer } from './media-answer.js';
import { authorizePlayback } from './playback-access.js';
import type { PlaybackAccess, PlaybackAnswer } from './playback-answer.js';

export async function getStoryboardImage(
  ctx: Context,
  input: { videoId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'storyboard_image', input.access);
  return mediaAnswer(ctx, grant, mediaKeys.storyboardImage(grant.video.id), 'image/jpeg');
}
