import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { heartbeatComment } from './event-stream.js';
import { holdEventStream } from './open-event-streams.js';

/**
 * Holds the response open as an event stream. `open` subscribes and catches up before the
 * headers go (inside the request's database session), writing through `write`; what it writes
 * meanwhile waits for them. It answers the stop, run when the connection closes.
 */
export async function serveEventStream(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  open: (write: (chunk: string) => void) => Promise<() => void>,
) {
  const raw = reply.raw;
  const pending: string[] = [];
  let ready = false;
  const stop = await open((chunk) => (ready ? raw.write(chunk) : pending.push(chunk)));
  reply.hijack();
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // Tells nginx and its kin not to buffer the stream.
    'x-accel-buffering': 'no',
  });
  // Whatever waited for the headers, then a first comment so clients see the stream open.
  raw.write(`retry: 2000\n${heartbeatComment()}`);
  ready = true;
  for (const chunk of pending) raw.write(chunk);
  const heartbeat = setInterval(() => raw.write(heartbeatComment()), ctx.config.sseHeartbeatMs);
  // The stream never ends by itself: a closing server drops the connection, and clients reconnect.
  const forget = holdEventStream(request.server.server, () => raw.destroy());
  raw.on('close', () => {
    clearInterval(heartbeat);
    stop();
    forget();
  });
}
