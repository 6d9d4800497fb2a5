import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { badRequest, ReelError } from '../../domain/errors.js';

/**
 * JSON bodies only, and only valid UTF-8: a body Fastify would decode with replacement
 * characters is refused rather than stored altered. Any other media type is left without a
 * parser, so Fastify answers 415 before a handler or validator sees it.
 */
export function acceptJsonOnly(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    const charset = /charset=([^;\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
      done(new ReelError(415, 'unsupported_media_type', 'JSON bodies must be UTF-8', { charset }));
      return;
    }
    if (!isUtf8(bytes)) {
      done(badRequest('invalid_utf8', 'The body is not valid UTF-8'));
      return;
    }
    parseJson(request, bytes.toString('utf8'), done);
  });
}

/** For the one route that takes raw bytes: the body stays a stream, never buffered. */
export function acceptRawBytes(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

/**
 * For routes that take a small file whole (an avatar): only the media types given, each read
 * into one Buffer of at most `limit` bytes; Fastify answers 415 for any other type and 413
 * past the limit, before the handler runs.
 */
export function acceptBytesOf(app: FastifyInstance, types: readonly string[], limit: number) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...types],
    { parseAs: 'buffer', bodyLimit: limit },
    (_request, body, done) => done(null, body),
  );
}
