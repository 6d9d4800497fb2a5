import type { Context } from '../../context.js';
import { authorizeCaption } from './caption-access.js';
import { mediaAnswer } from './media-answer.js';
import type { PlaybackAccess, PlaybackAnswer } from './playback-answer.js';

/** A caption track's stored WebVTT, served like a segment. */
export async function getCaptionTrack(
  ctx: Context,
  input: { videoId: string; captionId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const { grant, caption } = await authorizeCaption(ctx, input);
  return mediaAnswer(ctx, grant, caption.objectKey, 'text/vtt; charset=utf-8');
}
