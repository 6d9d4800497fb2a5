import { ReelError } from './errors.js';
import { checkUrlSignature, signUrl } from './url-signature.js';

/** What a playback token may open: video (`v`), thumbnail (`t`), storyboard (`s`). */
export type PlaybackKind = 'v' | 't' | 's';

export interface PlaybackClaims {
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  max_resolution?: unknown;
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
 * The short-lived signature Reel appends (`?st=`) to every URI of a signed video's playlists:
 * it binds the video, an expiry and the height cap, so a leaked segment URL expires too.
 */
export function signStream(
  secret: string,
  videoId: string,
  expires: number,
  maxHeight: number,
): string {
  return `${expires}.${maxHeight}.${signUrl(secret, 'STREAM', `${videoId}/${maxHeight}`, expires)}`;
}

export function checkStream(
  secret: string,
  videoId: string,
  st: string,
  nowSec: number,
): { expires: number; maxHeight: number } {
  const [exp = '', max = '', sig = ''] = st.split('.');
  const expires = Number(exp);
  const maxHeight = Number(max);
  const check = checkUrlSignature(
    secret,
    'STREAM',
    `${videoId}/${maxHeight}`,
    expires,
    sig,
    nowSec,
  );
  if (check === 'invalid') {
    throw new ReelError(
      403,
      'invalid_stream_signature',
      'This playback URL was not signed for this video',
    );
  }
  if (check === 'expired') throw tokenExpired();
  return { expires, maxHeight };
}

/** Heights above the cap are not served (0 means no cap). */
export const allowsHeight = (maxHeight: number, renditionId: string) =>
  maxHeight === 0 || renditionId === 'audio' || Number.parseInt(renditionId, 10) <= maxHeight;
