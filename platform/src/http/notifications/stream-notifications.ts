import { openNotificationStream } from '../../app/notifications/open-stream.js';
import { redeemStreamTicket } from '../../app/notifications/stream-tickets.js';
import { unauthorized } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { eventMessage, heartbeatComment } from './event-stream.js';
import { holdEventStream } from './open-event-streams.js';

/**
 * Holds the response open as an event stream. The catch-up reads happen before the handler
 * returns (inside the request's database session); what follows comes from the hub only.
 */
export const streamNotifications: OperationHandler<'streamNotifications'> = async (
  ctx,
  request,
  caller,
  reply,
) => {
  const { ticket } = request.query;
  const key = caller.viewer
    ? { tenantId: caller.tenantId, viewerId: caller.viewer.id }
    : ticket
      ? await redeemStreamTicket(ctx, ticket)
      : (() => {
          throw unauthorized();
        })();
  const raw = reply.raw;
  const pending: string[] = [];
  let open = false;
  const write = (chunk: string) => (open ? raw.write(chunk) : pending.push(chunk));
  const stop = await openNotificationStream(ctx, key, request.headers['last-event-id'], (n) =>
    write(eventMessage({ id: n.id, event: 'notification', data: JSON.stringify(n) })),
  );
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
  open = true;
  for (const chunk of pending) raw.write(chunk);
  const heartbeat = setInterval(() => raw.write(heartbeatComment()), ctx.config.sseHeartbeatMs);
  // The stream never ends by itself: a closing server drops the connection, and clients reconnect.
  const forget = holdEventStream(request.server.server, () => raw.destroy());
  raw.on('close', () => {
    clearInterval(heartbeat);
    stop();
    forget();
  });
};
