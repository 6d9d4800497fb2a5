import { openChatStream } from '../../app/live-chat/open-chat-stream.js';
import { eventMessage } from '../notifications/event-stream.js';
import { serveEventStream } from '../notifications/serve-event-stream.js';
import { streamingViewer } from '../notifications/viewer-of.js';
import type { OperationHandler } from '../operation.js';

/** A live stream's chat as an event stream, for a viewer token or a notification stream ticket. */
export const streamLiveChat: OperationHandler<'streamLiveChat'> = async (
  ctx,
  request,
  caller,
  reply,
) => {
  const { tenantId } = await streamingViewer(ctx, caller, request.query.ticket);
  const input = {
    tenantId,
    liveStreamId: request.params.live_stream_id,
    lastEventId: request.headers['last-event-id'],
  };
  await serveEventStream(ctx, request, reply, (write) =>
    openChatStream(ctx, input, ({ kind, message }) =>
      write(eventMessage({ id: message.message_id, event: kind, data: JSON.stringify(message) })),
    ),
  );
};
