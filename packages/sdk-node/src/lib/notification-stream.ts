import { createParser } from 'eventsource-parser';
import type { Error as ErrorBody, Notification } from '../generated/types.gen';
import { ReelError } from './errors';

export interface NotificationStreamOptions {
  /** Ends the iteration. Breaking out of the loop does too. */
  signal?: AbortSignal;
  /** Resume after this notification (its `id`); later reconnects use the last one received. */
  lastEventId?: string;
  /** Wait before reconnecting, until the server's `retry:` says otherwise. Default 1 s. */
  reconnectDelayMs?: number;
}

interface StreamConnection {
  baseUrl: string;
  viewerToken: string | undefined;
  fetch: typeof fetch;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

async function refusal(response: Response): Promise<ReelError> {
  const body = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  return new ReelError(response.status, body);
}

/**
 * The viewer's notifications as they happen, over Server-Sent Events. A cut connection or a
 * 5xx is reconnected with `Last-Event-ID`, so what was missed comes first, once; a 4xx (a bad
 * or expired token) ends the iteration with a ReelError.
 */
export async function* streamNotifications(
  connection: StreamConnection,
  options: NotificationStreamOptions = {},
): AsyncGenerator<Notification> {
  const stop = new AbortController();
  options.signal?.addEventListener('abort', () => stop.abort());
  if (options.signal?.aborted) stop.abort();
  let lastEventId = options.lastEventId;
  let delayMs = options.reconnectDelayMs ?? 1_000;
  try {
    while (!stop.signal.aborted) {
      const response = await connection
        .fetch(`${connection.baseUrl}/v1/viewer/notifications/stream`, {
          headers: {
            accept: 'text/event-stream',
            ...(connection.viewerToken && { authorization: `Bearer ${connection.viewerToken}` }),
            ...(lastEventId && { 'last-event-id': lastEventId }),
          },
          signal: stop.signal,
        })
        .catch(() => undefined);
      if (response && response.status >= 400 && response.status < 500) {
        throw await refusal(response);
      }
      if (response?.ok && response.body) {
        const received: Notification[] = [];
        const parser = createParser({
          onEvent: (message) => {
            if (message.event === 'notification') received.push(JSON.parse(message.data));
          },
          onRetry: (ms) => {
            delayMs = ms;
          },
        });
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        try {
          for (let read = await reader.read(); !read.done; read = await reader.read()) {
            parser.feed(decoder.decode(read.value, { stream: true }));
            for (let next = received.shift(); next; next = received.shift()) {
              lastEventId = next.id;
              yield next;
            }
          }
        } catch {
          // The connection was cut: reconnect below.
        }
      }
      await pause(delayMs, stop.signal);
    }
  } finally {
    stop.abort();
  }
}
