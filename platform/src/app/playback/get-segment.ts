import type { Context } from '../../context.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { mediaAnswer } from './media-answer.js';
import { assertRenditionAllowed, authorizePlayback } from './playback-access.js';
import type { PlaybackAccess, PlaybackAnswer } from './playback-answer.js';

export async function getSegment(
  ctx: Context,
  input: { videoId: string; renditionId: string; segment: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'media', input.access);
  assertRenditionAllowed(grant, input.renditionId);
  const type = input.segment === 'init.mp4' ? 'video/mp4' : 'video/iso.segment';
  const key = mediaKeys.segment(grant.video.id, input.renditionId, input.segment);
  return mediaAnswer(ctx, grant, key, type);
}
