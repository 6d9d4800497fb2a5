import type { Context } from '../../context.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { authorizePlayback } from './playback-access.js';
import type { PlaybackAccess, PlaybackAnswer } from './playback-answer.js';
import { playlistAnswer } from './playlist-answer.js';

/** The storyboard's WebVTT, its sprite URIs given the request's `st` for signed videos. */
export async function getStoryboardVtt(
  ctx: Context,
  input: { videoId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'storyboard_vtt', input.access);
  return playlistAnswer(
    ctx,
    mediaKeys.storyboardVtt(grant.video.id),
    'text/vtt',
    grant,
    (text, st) => text.replaceAll('storyboard.jpg#', `storyboard.jpg?st=${st}#`),
  );
}
