import { decodeProtectedHeader } from 'jose';
import type { Context } from '../../context.js';
import { cachedVideo } from '../../db/cached-videos.js';
import type { VideoRow } from '../../db/videos.js';
import { conflict, notFound, ReelError, takenDown } from '../../domain/errors.js';
import {
  ageRestricted,
  assertViewerAllowed,
  countryCode,
} from '../../domain/playback-restrictions.js';
import {
  AUDIENCE_OF,
  allowsHeight,
  checkPlaybackClaims,
  checkStream,
  type PlaybackResource,
  signStream,
  tokenExpired,
  tokenInvalid,
  tokenRequired,
} from '../../domain/playback-tokens.js';
import { TenantTokenError, verifyTenantToken } from '../auth/tenant-tokens.js';
import { liveKeyIds } from './live-signing-keys.js';
import type { PlaybackAccess } from './playback-answer.js';

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
 * Decides whether a playback request for `resource` may be served. Public videos: anyone, unless
 * private. Signed videos, and age-restricted ones: a token from the video's own tenant for this
 * video and audience, else an `st` Reel put on the URIs of a playlist it served, for this very
 * kind of resource and video, whose signing key still lives and whose tenant is not suspended.
 * Then the video's age and country rules, on every request. Looked up through caches, since
 * players ask for many segments.
 */
export async function authorizePlayback(
  ctx: Context,
  videoId: string,
  resource: PlaybackResource,
  query: PlaybackAccess,
): Promise<PlaybackGrant> {
  const video = await readyVideo(ctx, videoId);
  const isPublic = video.playbackPolicy === 'public';
  if (isPublic && video.visibility === 'private') throw notFound('Video');
  // An age gate needs a token that says the age was checked, so it plays like a signed video.
  if (isPublic && video.ageRestriction === null) {
    assertReady(video);
    assertViewerAllowed(video, { ageVerified: false, country: query.country });
    return { video, st: undefined, maxHeight: 0 };
  }
  if (query.token !== undefined) return byToken(ctx, video, resource, query);
  if (query.st === undefined) {
    if (!isPublic) throw tokenRequired();
    assertReady(video);
    throw ageRestricted(video.ageRestriction ?? 0);
  }
  const now = Math.floor(Date.now() / 1000);
  const keys = await liveKeyIds(ctx, video.tenantId);
  const target = { resource, videoId: video.id };
  const grant = checkStream(ctx.config.urlSigningSecret, query.st, target, keys, now);
  assertReady(video);
  // An `st` is only issued once the token's age claim passed; the country is checked again.
  assertViewerAllowed(video, { ageVerified: true, country: grant.country ?? query.country });
  return { video, st: query.st, maxHeight: grant.maxHeight };
}

async function byToken(
  ctx: Context,
  video: VideoRow,
  resource: PlaybackResource,
  query: PlaybackAccess,
): Promise<PlaybackGrant> {
  const granted = await streamGrantOf(ctx, video, resource, query.token ?? '');
  assertReady(video);
  // The video's rules may change while the grant is remembered: checked on every request.
  assertViewerAllowed(video, {
    ageVerified: granted.ageVerified,
    country: granted.country ?? query.country,
  });
  return { video, st: granted.st, maxHeight: granted.maxHeight };
}

/**
 * What a token grants on a video: checked and turned into an `st` once, then remembered with
 * the credentials (a player asks again and again), so a revocation forgets it at once and the
 * token's expiry ends it on time.
 */
function streamGrantOf(ctx: Context, video: VideoRow, resource: PlaybackResource, token: string) {
  return ctx.credentials.remember(
    `playback:${resource}:${video.id}:${token}`,
    async () => {
      let verified: Awaited<ReturnType<typeof verifyTenantToken>>;
      try {
        verified = await verifyTenantToken(ctx, token);
      } catch (error) {
        if (error instanceof TenantTokenError && error.problem === 'expired') throw tokenExpired();
        throw tokenInvalid();
      }
      // Another tenant's key signs nothing here: it reads the same as a forged token.
      if (verified.tenantId !== video.tenantId) throw tokenInvalid();
      const kind = AUDIENCE_OF[resource];
      const maxHeight = checkPlaybackClaims(verified.claims, video.id, kind);
      const country = countryCode(verified.claims.country);
      const ageVerified = verified.claims.age_verified === true;
      const now = Math.floor(Date.now() / 1000);
      const exp = Number(verified.claims.exp);
      const expires = Math.min(exp, now + MAX_STREAM_SEC);
      // Verified above, so its header decodes and names the key.
      const keyId = decodeProtectedHeader(token).kid ?? '';
      const grant = { kind, videoId: video.id, maxHeight, keyId, ...(country && { country }) };
      const st = signStream(ctx.config.urlSigningSecret, grant, expires);
      return { st, maxHeight, exp, country, ageVerified };
    },
    (granted) => granted.exp * 1000,
  );
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

/**
 * Checked after access, so an issued `st` URL of a video taken down since answers 451. A
 * `playable` video plays what is stored of it.
 */
function assertReady(video: VideoRow) {
  if (video.status === 'taken_down') throw takenDown(video.takedownReason);
  if (video.status !== 'ready' && video.status !== 'playable') {
    throw conflict('video_not_ready', `The video is ${video.status}, not ready to play`, {
      status: video.status,
    });
  }
}
