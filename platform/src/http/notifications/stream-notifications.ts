import { openNotificationStream } from '../../app/notifications/open-stream.js';
import type { OperationHandler } from '../operation.js';
import { eventMessage } from './event-stream.js';
import { serveEventStream } from './serve-event-stream.js';
import { streamingViewer } from './viewer-of.js';

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
  const key = await streamingViewer(ctx, caller, request.query.ticket);
  await serveEventStream(ctx, request, reply, (write) =>
    openNotificationStream(ctx, key, request.headers['last-event-id'], (n) =>
      write(eventMessage({ id: n.id, event: 'notification', data: JSON.stringify(n) })),
    ),
  );
};
