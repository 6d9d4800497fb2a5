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
  const granted = await signedGrant(ctx, video, resource, query);
  if (!granted) {
    if (!isPublic) throw tokenRequired();
    assertReady(video);
    throw ageRestricted(video.ageRestriction ?? 0);
  }
  assertReady(video);
  // The video's rules may change while a grant is remembered: checked on every request.
  assertViewerAllowed(video, {
    ageVerified: granted.ageVerified,
    country: granted.country ?? query.country,
  });
  return { video, st: granted.st, maxHeight: granted.maxHeight };
}

/** What signed playback is checked against: a video, or a live stream, and its tenant. */
export interface PlaybackSubject {
  id: string;
  tenantId: string;
}

/** What a request's token or `st` grants on a subject. */
export interface SignedGrant {
  /** The `st` to put on the URIs the answer lists. */
  st: string;
  maxHeight: number;
  country: string | undefined;
  ageVerified: boolean;
}

/**
 * Checks a signed request for `resource` of `subject`: a token from the subject's own tenant
 * for this id and audience, else an `st` Reel put on the URIs of a playlist it served, for this
 * very kind of resource and id, whose signing key still lives and whose tenant is not
 * suspended. Undefined when the request carries neither.
 */
export async function signedGrant(
  ctx: Context,
  subject: PlaybackSubject,
  resource: PlaybackResource,
  query: PlaybackAccess,
): Promise<SignedGrant | undefined> {
  if (query.token !== undefined) return streamGrantOf(ctx, subject, resource, query.token);
  if (query.st === undefined) return undefined;
  const now = Math.floor(Date.now() / 1000);
  const keys = await liveKeyIds(ctx, subject.tenantId);
  const target = { resource, videoId: subject.id };
  const grant = checkStream(ctx.config.urlSigningSecret, query.st, target, keys, now);
  // An `st` is only issued once the token's age claim passed.
  return { st: query.st, maxHeight: grant.maxHeight, country: grant.country, ageVerified: true };
}

/**
 * What a token grants on a subject: checked and turned into an `st` once, then remembered with
 * the credentials (a player asks again and again), so a revocation forgets it at once and the
 * token's expiry ends it on time.
 */
function streamGrantOf(
  ctx: Context,
  subject: PlaybackSubject,
  resource: PlaybackResource,
  token: string,
): Promise<SignedGrant> {
  return ctx.credentials.remember(
    `playback:${resource}:${subject.id}:${token}`,
    async () => {
      let verified: Awaited<ReturnType<typeof verifyTenantToken>>;
      try {
        verified = await verifyTenantToken(ctx, token);
      } catch (error) {
        if (error instanceof TenantTokenError && error.problem === 'expired') throw tokenExpired();
        throw tokenInvalid();
      }
      // Another tenant's key signs nothing here: it reads the same as a forged token.
      if (verified.tenantId !== subject.tenantId) throw tokenInvalid();
      const kind = AUDIENCE_OF[resource];
      const maxHeight = checkPlaybackClaims(verified.claims, subject.id, kind);
      const country = countryCode(verified.claims.country);
      const ageVerified = verified.claims.age_verified === true;
      const now = Math.floor(Date.now() / 1000);
      const exp = Number(verified.claims.exp);
      const expires = Math.min(exp, now + MAX_STREAM_SEC);
      // Verified above, so its header decodes and names the key.
      const keyId = decodeProtectedHeader(token).kid ?? '';
      const grant = { kind, videoId: subject.id, maxHeight, keyId, ...(country && { country }) };
      const st = signStream(ctx.config.urlSigningSecret, grant, expires);
      return { st, maxHeight, exp, country, ageVerified };
    },
    (granted) => granted.exp * 1000,
  );
}

/** Refuses a rendition above the token's height cap. */
export function assertRenditionAllowed(grant: { maxHeight: number }, renditionId: string) {
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
