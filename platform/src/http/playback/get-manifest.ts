import { dropVariantsAbove, rewritePlaylistUris } from '../../domain/hls-playlists.js';
import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';
import { authorizePlayback } from './playback-access.js';
import { HLS_TYPE, sendPlaylist } from './serve-object.js';

export const getManifest: OperationHandler<'getManifest'> = async (ctx, request, reply) => {
  const grant = await authorizePlayback(ctx, request.params.video_id, 'manifest', request.query);
  return sendPlaylist(
    ctx,
    request,
    reply,
    mediaKeys.master(grant.video.id),
    HLS_TYPE,
    grant.st,
    (text, st) =>
      rewritePlaylistUris(dropVariantsAbove(text, grant.maxHeight), (uri) => `${uri}?st=${st}`),
  );
};
