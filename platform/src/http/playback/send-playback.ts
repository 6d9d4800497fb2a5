import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlaybackAnswer } from '../../app/playback/playback-answer.js';
import { parseRange } from '../../domain/byte-range.js';
import { ReelError } from '../../domain/errors.js';

type StoredObject = Extract<PlaybackAnswer, { kind: 'object' }>;

/** Sends a stored object with ETag, conditional GET and single-range support. */
async function sendObject(request: FastifyRequest, reply: FastifyReply, object: StoredObject) {
  const { info } = object;
  const etag = `"${info.etag}"`;
  reply
    .header('ETag', etag)
    .header('Cache-Control', object.cacheControl)
    .header('Accept-Ranges', 'bytes')
    .header('Last-Modified', info.lastModified.toUTCString());
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const range = parseRange(request.headers.range, info.size);
  if (range === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${info.size}`);
    throw new ReelError(416, 'range_not_satisfiable', `The object has ${info.size} bytes`);
  }
  reply.type(object.contentType);
  if (range) {
    reply
      .status(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`)
      .header('Content-Length', range.end - range.start + 1);
    return reply.send(await object.read(range));
  }
  reply.header('Content-Length', info.size);
  return reply.send(await object.read());
}

type PlaylistAnswer = Extract<PlaybackAnswer, { kind: 'text' }>;

/** Sends a playlist (rewritten for this request or not), with the ETag of its content. */
function sendText(request: FastifyRequest, reply: FastifyReply, answer: PlaylistAnswer) {
  const { text, etag, contentType, cacheControl } = answer;
  reply.header('ETag', etag).header('Cache-Control', cacheControl);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(contentType).send(text);
}

/** Sends what a playback use case answered: a redirect, a playlist or a stored object. */
export function sendPlayback(request: FastifyRequest, reply: FastifyReply, answer: PlaybackAnswer) {
  switch (answer.kind) {
    case 'redirect':
      return reply.header('Cache-Control', answer.cacheControl).redirect(answer.url, 302);
    case 'text':
      return sendText(request, reply, answer);
    case 'object':
      return sendObject(request, reply, answer);
  }
}
