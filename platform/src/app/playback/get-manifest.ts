import type { Context } from '../../context.js';
import { dropVariantsAbove, rewritePlaylistUris } from '../../domain/hls-playlists.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { authorizePlayback } from './playback-access.js';
import { HLS_TYPE, type PlaybackAccess, type PlaybackAnswer } from './playback-answer.js';
import { playlistAnswer } from './playlist-answer.js';

/** The master playlist, without renditions over the token's height cap. */
export async function getManifest(
  ctx: Context,
  input: { videoId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'manifest', input.access);
  return playlistAnswer(ctx, mediaKeys.master(grant.video.id), HLS_TYPE, grant, (text, st) =>
    rewritePlaylistUris(dropVariantsAbove(text, grant.maxHeight), (uri) => `${uri}?st=${st}`),
  );
}
