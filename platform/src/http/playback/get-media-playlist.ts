import { rewritePlaylistUris } from '../../domain/hls-playlists.js';
import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { assertRenditionAllowed, authorizePlayback } from './playback-access.js';
import { HLS_TYPE, sendPlaylist } from './serve-object.js';

export const getMediaPlaylist: OperationHandler<'getMediaPlaylist'> = async (
  ctx,
  request,
  reply,
) => {
  const { video_id, rendition_id } = request.params;
  const grant = await authorizePlayback(ctx, video_id, 'media', request.query);
  assertRenditionAllowed(grant, rendition_id);
  const key = mediaKeys.mediaPlaylist(grant.video.id, rendition_id);
  return sendPlaylist(ctx, request, reply, key, HLS_TYPE, grant.st, (text, st) =>
    rewritePlaylistUris(text, (uri) => `${uri}?st=${st}`),
  );
};
