import { createHash } from 'node:crypto';

/** One viewer counts once per video in this window. */
export const VIEW_WINDOW_SEC = 30 * 60;

/**
 * The cache key of one viewer's view of a video: address and browser, hashed so the cache holds
 * neither. Behind a shared address, different browsers still count apart.
 */
export function viewClaimKey(videoId: string, address: string, userAgent: string): string {
  const viewer = createHash('sha256').update(`${address}\n${userAgent}`).digest('base64url');
  return `viewed:${videoId}:${viewer.slice(0, 22)}`;
}

/** The cache key of a signed-in viewer's view: their id, whatever device they watch on. */
export function viewerClaimKey(videoId: string, viewerId: string): string {
  const viewer = createHash('sha256').update(`viewer\n${viewerId}`).digest('base64url');
  return `viewed:${videoId}:v${viewer.slice(0, 22)}`;
}
