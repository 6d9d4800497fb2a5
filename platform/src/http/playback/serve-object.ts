import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { parseRange } from '../../domain/byte-range.js';
import { notFound, ReelError } from '../../domain/errors.js';
import { servesDirectly } from '../../ports/object-store.js';
import type { PlaybackGrant } from './playback-access.js';

export const CACHE = {
  /** Playlists: short, so deletion and privacy changes reach players soon. */
  playlist: 'public, max-age=30',
  /** A signed video's playlists carry URIs signed for this viewer: never shared caches. */
  signedPlaylist: 'private, max-age=30',
  /** Segments and images never change under their key. */
  immutable: 'public, max-age=31536000, immutable',
  /**
   * A signed video's: the viewer's browser may keep them, but no shared cache, which would go on
   * answering the URL after its key was deleted or its tenant suspended.
   */
  signedImmutable: 'private, max-age=31536000, immutable',
};

export const HLS_TYPE = 'application/vnd.apple.mpegurl';

/** Sends a stored object with ETag, conditional GET and single-range support. */
export async function sendObject(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  contentType: string,
  cacheControl: string,
) {
  const info = await ctx.store.head(key);
  if (!info) throw notFound('Media');
  const etag = `"${info.etag}"`;
  reply
    .header('ETag', etag)
    .header('Cache-Control', cacheControl)
    .header('Accept-Ranges', 'bytes')
    .header('Last-Modified', info.lastModified.toUTCString());
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const range = parseRange(request.headers.range, info.size);
  if (range === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${info.size}`);
    throw new ReelError(416, 'range_not_satisfiable', `The object has ${info.size} bytes`);
  }
  reply.type(contentType);
  if (range) {
    reply
      .status(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`)
      .header('Content-Length', range.end - range.start + 1);
    return reply.send(await ctx.store.read(key, range));
  }
  reply.header('Content-Length', info.size);
  return reply.send(await ctx.store.read(key));
}

/** Presigned media URLs live this long; the redirect itself is cached for half as long. */
const DIRECT_URL_SEC = 3600;
/** A signed video's: players follow a redirect at once, and a revoked key ends them soon too. */
const SIGNED_DIRECT_URL_SEC = 60;

/**
 * Sends a segment or an image: a 302 to the store when the store serves players itself, so
 * media bytes skip the API; else the object through `sendObject`. Access was checked before
 * this, so only allowed viewers get the URL: the CDN's for a public video, a presigned one that
 * expires for a signed video.
 */
export async function sendMedia(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  grant: PlaybackGrant,
  key: string,
  contentType: string,
) {
  const shareable = grant.video.playbackPolicy === 'public';
  if (servesDirectly(ctx.store)) {
    const lifetime = shareable ? DIRECT_URL_SEC : SIGNED_DIRECT_URL_SEC;
    return reply
      .header('Cache-Control', `private, max-age=${lifetime / 2}`)
      .redirect(ctx.store.downloadUrl(key, lifetime, { shareable }), 302);
  }
  const cacheControl = shareable ? CACHE.immutable : CACHE.signedImmutable;
  return sendObject(ctx, request, reply, key, contentType, cacheControl);
}

/** Sends text made for this request (a rewritten playlist), with an ETag of its content. */
export function sendText(
  request: FastifyRequest,
  reply: FastifyReply,
  text: string,
  contentType: string,
  cacheControl: string,
) {
  const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
  reply.header('ETag', etag).header('Cache-Control', cacheControl);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(contentType).send(text);
}

/**
 * Playlists by object key. A key's content never changes (a retried transcode rewrites the same
 * bytes), and access is checked on every request before this is read, so entries need no expiry:
 * only a bound, oldest out first.
 */
const playlists = new Map<string, string>();
const MAX_PLAYLISTS = 5000;

async function readPlaylist(ctx: Context, key: string): Promise<string> {
  const hit = playlists.get(key);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    text = await ctx.store.readText(key);
  } catch {
    throw notFound('Media');
  }
  if (playlists.size >= MAX_PLAYLISTS) playlists.delete(playlists.keys().next().value ?? '');
  playlists.set(key, text);
  return text;
}

/**
 * Serves a stored playlist from memory: as it is for public videos, or with every URI given the
 * request's `st` (and renditions over the height cap dropped) for signed ones.
 */
export async function sendPlaylist(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  contentType: string,
  st: string | undefined,
  rewrite: (text: string, st: string) => string,
) {
  const text = await readPlaylist(ctx, key);
  if (!st) return sendText(request, reply, text, contentType, CACHE.playlist);
  return sendText(request, reply, rewrite(text, st), contentType, CACHE.signedPlaylist);
}
