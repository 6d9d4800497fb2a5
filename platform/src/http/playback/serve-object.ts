import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { parseRange } from '../../domain/byte-range.js';
import { notFound, ReelError } from '../../domain/errors.js';

export const CACHE = {
  /** Playlists: short, so deletion and privacy changes reach players soon. */
  playlist: 'public, max-age=30',
  /** Segments and images never change under their key. */
  immutable: 'public, max-age=31536000, immutable',
};

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
