import type { Context } from '../../context.js';
import { subtitlePlaylist } from '../../domain/hls-playlists.js';
import { authorizeCaption } from './caption-access.js';
import { CACHE, HLS_TYPE, type PlaybackAccess, type PlaybackAnswer } from './playback-answer.js';
import { etagOf } from './playlist-memory.js';

/** The one-segment playlist of a caption track; its URI carries the request's `st`. */
export async function getCaptionPlaylist(
  ctx: Context,
  input: { videoId: string; captionId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const { grant, caption } = await authorizeCaption(ctx, input);
  const uri = grant.st ? `track.vtt?st=${grant.st}` : 'track.vtt';
  const text = subtitlePlaylist(grant.video.durationSec ?? caption.durationSec, uri);
  return {
    kind: 'text',
    text,
    etag: etagOf(text),
    contentType: HLS_TYPE,
    cacheControl: grant.st ? CACHE.signedPlaylist : CACHE.playlist,
  };
}
