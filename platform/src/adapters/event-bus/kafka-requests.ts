import type { Message } from 'kafkajs';

/**
 * Bytes of messages one produce request carries at most. kafkajs puts all of a partition's
 * messages of a request into one record batch, and the broker refuses a batch over
 * `message.max.bytes` (1 MiB by default): a relay pass of 2,000 heartbeats of one video is
 * that much, and a refused pass is retried for ever, holding every event behind it.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Per record: lengths, offsets, timestamps and attributes, rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

const sizeOf = (message: Message): number => {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(String(message.key ?? ''));
  bytes += Buffer.byteLength(String(message.value ?? ''));
  for (const [name, value] of Object.entries(message.headers ?? {}))
    bytes += Buffer.byteLength(name) + Buffer.byteLength(String(value ?? ''));
  return bytes;
};

/**
 * Splits topics' messages into requests of at most `maxBytes` each, in order, so that sending
 * them one after another keeps every key's order.
 */
export function splitIntoRequests(
  topicMessages: readonly { topic: string; messages: Message[] }[],
  maxBytes = MAX_REQUEST_BYTES,
): { topic: string; messages: Message[] }[][] {
  const requests: { topic: string; messages: Message[] }[][] = [];
  let request: { topic: string; messages: Message[] }[] = [];
  let bytes = 0;
  for (const { topic, messages } of topicMessages) {
    let current: Message[] = [];
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes + size > maxBytes && bytes > 0) {
        if (current.length > 0) request.push({ topic, messages: current });
        requests.push(request);
        request = [];
        current = [];
        bytes = 0;
      }
      current.push(message);
      bytes += size;
    }
    if (current.length > 0) request.push({ topic, messages: current });
  }
  if (request.length > 0) requests.push(request);
  return requests;
}
