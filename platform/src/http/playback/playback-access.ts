import type { Context } from '../../context.js';
import { cachedVideo } from '../../db/cached-videos.js';
import type { VideoRow } from '../../db/videos.js';
import { conflict, notFound, ReelError } from '../../domain/errors.js';
import {
  allowsHeight,
  checkPlaybackClaims,
  checkStream,
  type PlaybackKind,
  signStream,
  tokenExpired,
  tokenInvalid,
  tokenRequired,
} from '../../domain/playback-tokens.js';
import { TenantTokenError, verifyTenantToken } from '../tenant-tokens.js';

/** Signed URIs outlive a manifest token by at most this much, so a leaked segment URL dies. */
const MAX_STREAM_SEC = 6 * 3600;

/** What a playback request may see: the video, and for signed ones the `st` to put on URIs. */
export interface PlaybackGrant {
  video: VideoRow;
  /** Appended to every URI of a signed video's playlists; undefined for public videos. */
  st: string | undefined;
  /** Highest rendition allowed (0: any). */
  maxHeight: number;
}

/** The video through the shared cache (`video:{id}`), which updates and deletions invalidate. */
async function readyVideo(ctx: Context, videoId: string): Promise<VideoRow> {
  const found = await cachedVideo(ctx, videoId);
  if (!found || found.video.deletedAt) throw notFound('Video');
  return found.video;
}

/**
 * Decides whether a playback request may be served. Public videos: anyone, unless private.
 * Signed videos: a token from the video's own tenant for this video and kind, or the `st`
 * signature Reel put on the URIs of a playlist it served. Looked up through the cache, since
 * players ask for many segments.
 */
export async function authorizePlayback(
  ctx: Context,
  videoId: string,
  kind: PlaybackKind,
  query: { token?: string; st?: string },
): Promise<PlaybackGrant> {
  const video = await readyVideo(ctx, videoId);
  const now = Math.floor(Date.now() / 1000);
  if (video.playbackPolicy === 'public') {
    if (video.visibility === 'private') throw notFound('Video');
    assertReady(video);
    return { video, st: undefined, maxHeight: 0 };
  }
  if (query.st) {
    const { maxHeight } = checkStream(ctx.config.urlSigningSecret, video.id, query.st, now);
    assertReady(video);
    return { video, st: query.st, maxHeight };
  }
  if (!query.token) throw tokenRequired();
  let claims: Awaited<ReturnType<typeof verifyTenantToken>>;
  try {
    claims = await verifyTenantToken(ctx.database.db, query.token);
  } catch (error) {
    if (error instanceof TenantTokenError && error.problem === 'expired') throw tokenExpired();
    throw tokenInvalid();
  }
  // Another tenant's key signs nothing here: it reads the same as a forged token.
  if (claims.tenantId !== video.tenantId) throw tokenInvalid();
  const maxHeight = checkPlaybackClaims(claims.claims, video.id, kind);
  assertReady(video);
  const expires = Math.min(Number(claims.claims.exp), now + MAX_STREAM_SEC);
  return {
    video,
    st: signStream(ctx.config.urlSigningSecret, video.id, expires, maxHeight),
    maxHeight,
  };
}

/** Refuses a rendition above the token's height cap. */
export function assertRenditionAllowed(grant: PlaybackGrant, renditionId: string) {
  if (!allowsHeight(grant.maxHeight, renditionId)) {
    throw new ReelError(
      403,
      'rendition_not_allowed',
      `This token allows up to ${grant.maxHeight}p`,
    );
  }
}

function assertReady(video: VideoRow) {
  if (video.status !== 'ready') {
    throw conflict('video_not_ready', `The video is ${video.status}, not ready to play`, {
      status: video.status,
    });
  }
}
