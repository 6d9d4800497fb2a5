import type { Context } from '../../context.js';
import { cachedVideo } from '../../db/cached-videos.js';
import { captionsOfVideo } from '../../db/captions.js';
import { dashManifest } from '../../domain/dash-manifest.js';
import { conflict, notFound } from '../../domain/errors.js';
import { allowsHeight } from '../../domain/playback-tokens.js';
import { authorizePlayback } from './playback-access.js';
import { CACHE, DASH_TYPE, type PlaybackAccess, type PlaybackAnswer } from './playback-answer.js';
import { readPlaylist } from './playlist-answer.js';

/**
 * The MPEG-DASH manifest, made from the stored HLS media playlists, so DASH plays the same
 * segments; renditions over the token's height cap are left out, URIs signed as HLS's are.
 */
export async function getDashManifest(
  ctx: Context,
  input: { videoId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizePlayback(ctx, input.videoId, 'manifest', input.access);
  // A static MPD needs the whole ladder: a video still encoding plays as HLS only.
  if (grant.video.status === 'playable') {
    throw conflict('video_not_ready', 'The video is still encoding: DASH plays it once ready', {
      status: grant.video.status,
    });
  }
  const found = await cachedVideo(ctx, grant.video.id);
  if (!found) throw notFound('Video');
  const allowed = found.renditions.filter((r) => allowsHeight(grant.maxHeight, r.renditionId));
  const renditions = await Promise.all(
    allowed.map(async (r) => ({
      id: r.renditionId,
      width: r.width,
      height: r.height,
      bitrateKbps: r.bitrateKbps,
      codecs: r.codecs,
      playlist: (await readPlaylist(ctx, r.playlistKey)).text,
    })),
  );
  const captions = (await captionsOfVideo(ctx.database.ownerDb, grant.video.id)).map((c) => ({
    id: c.id,
    language: c.language,
    label: c.label,
    kind: c.kind,
    isDefault: c.isDefault,
  }));
  // The caption ids join the memo's source: a track added or removed makes the MPD anew.
  const source = [
    ...renditions.map((r) => r.playlist),
    ...captions.map((c) => `${c.id}${c.isDefault ? '*' : ''}`),
  ].join('\n');
  // Made once per video (and `st`), then served from memory like the HLS playlists.
  const made = ctx.playlists.signedCopy(
    `dash:${grant.video.id}:${grant.maxHeight}`,
    source,
    grant.st ?? '',
    () => dashManifest(renditions, grant.video.durationSec ?? 0, grant.st, captions),
  );
  return {
    kind: 'text',
    text: made.text,
    etag: made.etag,
    contentType: DASH_TYPE,
    cacheControl: grant.st === undefined ? CACHE.playlist : CACHE.signedPlaylist,
  };
}
