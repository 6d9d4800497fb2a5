import { TOPICS } from './event-routes.js';

/** The counts kept from events, and where each lives in Postgres. */
export const COUNTER_KINDS = ['likes', 'comments', 'replies', 'subscribers'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A counter's name in the counter store: its kind and the id of the row that shows it. */
export const counterName = (kind: CounterKind, id: string) => `${kind}:${id}`;

export function parseCounterName(name: string): { kind: CounterKind; id: string } | undefined {
  const [kind, id, ...rest] = name.split(':');
  if (rest.length > 0 || !id || !UUID.test(id)) return undefined;
  return (COUNTER_KINDS as readonly string[]).includes(kind ?? '')
    ? { kind: kind as CounterKind, id }
    : undefined;
}

/** The payload of a counting event: what changed by one, up or down. */
export type CountChange =
  | { topic: typeof TOPICS.likeChanged; videoId: string; delta: 1 | -1 }
  | {
      topic: typeof TOPICS.commentCounted;
      videoId: string;
      /** The thread's top-level comment, whose `reply_count` moves too for a reply. */
      threadId: string;
      reply: boolean;
      delta: 1 | -1;
    }
  | { topic: typeof TOPICS.subscriptionChanged; channelId: string; delta: 1 | -1 };

/** The event's `data`: snake_case, as every event payload. */
export function countChangeData(change: CountChange): Record<string, unknown> {
  switch (change.topic) {
    case TOPICS.likeChanged:
      return { delta: change.delta };
    case TOPICS.commentCounted:
      return { thread_id: change.threadId, reply: change.reply, delta: change.delta };
    case TOPICS.subscriptionChanged:
      return { channel_id: change.channelId, delta: change.delta };
  }
}

export class BadCountingEvent extends Error {}

/**
 * The counter deltas one event carries. Anything else is refused (it goes to the dead letters):
 * a counter name is an id the flush writes to Postgres, so it must be a uuid.
 */
export function countsOf(topic: string, payload: Record<string, unknown>): Record<string, number> {
  const { delta } = payload;
  if (delta !== 1 && delta !== -1) throw new BadCountingEvent(`bad delta: ${String(delta)}`);
  const id = (field: string) => {
    const value = payload[field];
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new BadCountingEvent(`bad ${field}: ${String(value)}`);
    }
    return value;
  };
  switch (topic) {
    case TOPICS.likeChanged:
      return { [counterName('likes', id('video_id'))]: delta };
    case TOPICS.commentCounted:
      return {
        [counterName('comments', id('video_id'))]: delta,
        ...(payload.reply === true && { [counterName('replies', id('thread_id'))]: delta }),
      };
    case TOPICS.subscriptionChanged:
      return { [counterName('subscribers', id('channel_id'))]: delta };
    default:
      throw new BadCountingEvent(`not a counting topic: ${topic}`);
  }
}

/** Groups taken sums by kind, dropping zeros and names that are not counters. */
export function byKind(sums: Readonly<Record<string, number>>) {
  const grouped = new Map<CounterKind, { id: string; delta: number }[]>();
  for (const [name, delta] of Object.entries(sums)) {
    const counter = parseCounterName(name);
    if (!counter || delta === 0 || !Number.isSafeInteger(delta)) continue;
    const list = grouped.get(counter.kind) ?? [];
    list.push({ id: counter.id, delta });
    grouped.set(counter.kind, list);
  }
  return grouped;
}
