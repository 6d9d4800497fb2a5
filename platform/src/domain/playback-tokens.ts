import { ReelError } from './errors.js';
import { checkUrlSignature, signUrl } from './url-signature.js';

/** What a playback token may open: video (`v`), thumbnail (`t`), storyboard (`s`). */
export type PlaybackKind = 'v' | 't' | 's';

export interface PlaybackClaims {
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  max_resolution?: unknown;
  /** True when the tenant verified the viewer's age (for age-restricted videos). */
  age_verified?: unknown;
  /** The viewer's country as the tenant's own check placed them. */
  country?: unknown;
}

export const tokenRequired = () =>
  new ReelError(
    401,
    'playback_token_required',
    'This video is signed: pass ?token= a playback token',
  );
export const tokenInvalid = () =>
  new ReelError(
    401,
    'invalid_playback_token',
    'The playback token is not one signed by this video’s tenant',
  );
export const tokenExpired = () =>
  new ReelError(
    401,
    'playback_token_expired',
    'The playback token has expired; ask your server for a new one',
  );

/** Checks a verified token's claims for this video and kind; returns the height cap, if any. */
export function checkPlaybackClaims(
  claims: PlaybackClaims,
  videoId: string,
  kind: PlaybackKind,
): number {
  if (typeof claims.exp !== 'number') throw tokenInvalid();
  if (claims.sub !== videoId) {
    throw new ReelError(
      403,
      'playback_token_wrong_video',
      'The playback token is for another video',
    );
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(kind)) {
    throw new ReelError(
      403,
      'playback_token_wrong_audience',
      `The playback token does not allow "${kind}"`,
    );
  }
  if (claims.max_resolution === undefined) return 0;
  const cap = /^(\d{2,4})p$/.exec(String(claims.max_resolution));
  if (!cap) throw tokenInvalid();
  return Number(cap[1]);
}

/**
 * What a playback route serves. It sets the audience a token needs, and whether the route takes an
 * `st` instead: media playlists and segments take the master playlist's, the storyboard sprite the
 * storyboard VTT's; the manifest, views, thumbnails, downloads and the VTT need the token itself.
 */
export type PlaybackResource =
  | 'manifest'
  | 'views'
  | 'media'
  | 'thumbnail'
  | 'download'
  | 'storyboard_vtt'
  | 'storyboard_image';

export const AUDIENCE_OF: Record<PlaybackResource, PlaybackKind> = {
  manifest: 'v',
  views: 'v',
  media: 'v',
  thumbnail: 't',
  download: 'v',
  storyboard_vtt: 's',
  storyboard_image: 's',
};

const TAKES_STREAM: ReadonlySet<PlaybackResource> = new Set(['media', 'storyboard_image']);

/** What an `st` grants: one kind of resource of one video, up to a height, while its key lives. */
export interface StreamGrant {
  kind: PlaybackKind;
  videoId: string;
  /** Highest rendition allowed (0: any). */
  maxHeight: number;
  /** The signing key of the token it was issued for: deleting the key ends the `st` too. */
  keyId: string;
  /** The token's `country` claim, which the URIs carry on for the video's geo rules. */
  country?: string;
}

const signedPart = (grant: StreamGrant) =>
  `${grant.kind}/${grant.videoId}/${grant.maxHeight}/${grant.keyId}${grant.country ? `/${grant.country}` : ''}`;

/**
 * The short-lived signature Reel appends (`?st=`) to every URI of a signed video's playlists:
 * `expires.maxHeight[.country].hmac`. The HMAC also covers the kind, the video and the signing
 * key, which the server knows from the route and the tenant's live keys, so the URL shape stays
 * short.
 */
export function signStream(secret: string, grant: StreamGrant, expires: number): string {
  const country = grant.country ? `${grant.country}.` : '';
  return `${expires}.${grant.maxHeight}.${country}${signUrl(secret, 'STREAM', signedPart(grant), expires)}`;
}

const STREAM_SHAPE = /^(\d{1,12})\.(\d{1,4})\.(?:([A-Z]{2})\.)?([A-Za-z0-9_-]{43})$/;

const streamRefused = () =>
  new ReelError(
    403,
    'invalid_stream_signature',
    'This playback URL does not open this resource: it is malformed, for another video or kind, or its signing key or tenant was revoked',
  );

/**
 * Checks an `st` for `resource` of `videoId`: it must be well formed, signed for that kind and
 * video with one of `liveKeyIds` (none once the tenant is suspended), and not expired.
 */
export function checkStream(
  secret: string,
  st: string,
  target: { resource: PlaybackResource; videoId: string },
  liveKeyIds: readonly string[],
  nowSec: number,
): StreamGrant & { expires: number } {
  const shape = STREAM_SHAPE.exec(st);
  if (!shape || !TAKES_STREAM.has(target.resource)) throw streamRefused();
  const expires = Number(shape[1]);
  const maxHeight = Number(shape[2]);
  const country = shape[3];
  const kind = AUDIENCE_OF[target.resource];
  for (const keyId of liveKeyIds) {
    const grant = { kind, videoId: target.videoId, maxHeight, keyId, ...(country && { country }) };
    const check = checkUrlSignature(
      secret,
      'STREAM',
      signedPart(grant),
      expires,
      shape[4] ?? '',
      nowSec,
    );
    if (check === 'expired') throw tokenExpired();
    if (check === 'valid') return { ...grant, expires };
  }
  throw streamRefused();
}

/** Heights above the cap are not served (0 means no cap). */
export const allowsHeight = (maxHeight: number, renditionId: string) =>
  maxHeight === 0 || renditionId === 'audio' || Number.parseInt(renditionId, 10) <= maxHeight;
