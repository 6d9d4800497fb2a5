import type { Context } from '../../context.js';
import { rewritePlaylistUris } from '../../domain/hls-playlists.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { assertRenditionAllowed, authorizePlayback } from './playback-access.js';
import { HLS_TYPE, type PlaybackAccess, type PlaybackAnswer } from './playback-answer.js';
import { playlistAnswer } from './playlist-answer.js';

export async function getMediaPlaylist(
  ctx: Context,
  input: { videoId: string; renditionId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'media', input.access);
  assertRenditionAllowed(grant, input.renditionId);
  const key = mediaKeys.mediaPlaylist(grant.video.id, input.renditionId);
  return playlistAnswer(ctx, key, HLS_TYPE, grant, (text, st) =>
    rewritePlaylistUris(text, (uri) => `${uri}?st=${st}`),
  );
}
