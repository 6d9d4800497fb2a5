import { openChatStream } from '../../app/live-chat/open-chat-stream.js';
import { eventMessage } from '../notifications/event-stream.js';
import { serveEventStream } from '../notifications/serve-event-stream.js';
import { streamingReader } from '../notifications/viewer-of.js';
import type { OperationHandler } from '../operation.js';

/**
 * A live stream's chat as an event stream: for a viewer token, the tenant's API key, a
 * notification stream ticket (for `EventSource`), or no credential on a public stream.
 */
export const streamLiveChat: OperationHandler<'streamLiveChat'> = async (
  ctx,
  request,
  caller,
  reply,
) => {
  const input = {
    reader: await streamingReader(ctx, caller, request.query.ticket),
    liveStreamId: request.params.live_stream_id,
    lastEventId: request.headers['last-event-id'],
  };
  await serveEventStream(ctx, request, reply, (write) =>
    openChatStream(ctx, input, ({ kind, message }) =>
      write(eventMessage({ id: message.message_id, event: kind, data: JSON.stringify(message) })),
    ),
  );
};
