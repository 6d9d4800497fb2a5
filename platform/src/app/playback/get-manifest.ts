import type { Context } from '../../context.js';
import { captionsOfVideo } from '../../db/captions.js';
import {
  dropVariantsAbove,
  rewritePlaylistUris,
  withSubtitleGroup,
} from '../../domain/hls-playlists.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { authorizePlayback } from './playback-access.js';
import { HLS_TYPE, type PlaybackAccess, type PlaybackAnswer } from './playback-answer.js';
import { type PlaylistAddition, playlistAnswer } from './playlist-answer.js';

/**
 * The master playlist, without renditions over the token's height cap, with the video's caption
 * tracks as its `SUBTITLES` group.
 */
export async function getManifest(
  ctx: Context,
  input: { videoId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'manifest', input.access);
  return playlistAnswer(
    ctx,
    mediaKeys.master(grant.video.id),
    HLS_TYPE,
    grant,
    (text, st) =>
      rewritePlaylistUris(dropVariantsAbove(text, grant.maxHeight), (uri) => `${uri}?st=${st}`),
    await captionTracks(ctx, grant.video.id),
  );
}

async function captionTracks(ctx: Context, videoId: string): Promise<PlaylistAddition | undefined> {
  const captions = await captionsOfVideo(ctx.database.ownerDb, videoId);
  if (captions.length === 0) return undefined;
  const tracks = captions.map((caption) => ({
    uri: `captions/${caption.id}/index.m3u8`,
    name: caption.label,
    language: caption.language,
    isDefault: caption.isDefault,
    describesSounds: caption.kind === 'captions',
  }));
  return {
    tag: `captions:${captions.map((c) => `${c.id}${c.isDefault ? '*' : ''}`).join(',')}`,
    add: (text) => withSubtitleGroup(text, tracks),
  };
}
