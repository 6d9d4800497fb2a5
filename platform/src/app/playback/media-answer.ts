import type { Context } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { servesDirectly } from '../../ports/object-store.js';
import type { PlaybackGrant } from './playback-access.js';
import { CACHE, type PlaybackAnswer } from './playback-answer.js';

/** Presigned media URLs live this long; the redirect itself is cached for half as long. */
const DIRECT_URL_SEC = 3600;
/** A signed video's: players follow a redirect at once, and a revoked key ends them soon too. */
const SIGNED_DIRECT_URL_SEC = 60;

/**
 * A segment or an image: a 302 to the store when the store serves players itself, so media
 * bytes skip the API; else the stored object. Access was checked before this, so only allowed
 * viewers get the URL: the CDN's for a public video, a presigned one that expires for a signed
 * video.
 */
export async function mediaAnswer(
  ctx: Context,
  grant: PlaybackGrant,
  key: string,
  contentType: string,
  saveAs?: string,
): Promise<PlaybackAnswer> {
  // Only what plays without a token may be cached for everyone: not signed, not age-gated.
  const shareable = grant.st === undefined;
  if (servesDirectly(ctx.store)) {
    const lifetime = shareable ? DIRECT_URL_SEC : SIGNED_DIRECT_URL_SEC;
    return {
      kind: 'redirect',
      url: ctx.store.downloadUrl(key, lifetime, { shareable, saveAs }),
      cacheControl: `private, max-age=${lifetime / 2}`,
    };
  }
  const info = await ctx.store.head(key);
  if (!info) throw notFound('Media');
  return {
    kind: 'object',
    info,
    contentType,
    cacheControl: shareable ? CACHE.immutable : CACHE.signedImmutable,
    read: (range) => ctx.store.read(key, range),
  };
}
