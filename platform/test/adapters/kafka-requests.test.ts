import { describe, expect, it } from 'vitest';
import { splitIntoRequests } from '../../src/adapters/event-bus/kafka-requests.js';

const message = (n: number, bytes: number) => ({ key: 'v', value: `${n}:${'x'.repeat(bytes)}` });

describe('splitting produce requests', () => {
  it('keeps each request under the limit and every message in its order', () => {
    const topicMessages = [
      { topic: 'a', messages: Array.from({ length: 50 }, (_, i) => message(i, 1_000)) },
      { topic: 'b', messages: Array.from({ length: 5 }, (_, i) => message(i, 1_000)) },
    ];
    const requests = splitIntoRequests(topicMessages, 10_000);
    expect(requests.length).toBeGreaterThan(5);
    for (const request of requests) {
      const bytes = request
        .flatMap((t) => t.messages)
        .reduce((n, m) => n + String(m.value).length, 0);
      expect(bytes).toBeLessThanOrEqual(10_000);
    }
    const sent = (topic: string) =>
      requests.flat().flatMap((t) => (t.topic === topic ? t.messages.map((m) => m.value) : []));
    expect(sent('a')).toEqual(topicMessages[0]?.messages.map((m) => m.value));
    expect(sent('b')).toEqual(topicMessages[1]?.messages.map((m) => m.value));
  });

  it('sends a message larger than the limit alone rather than never', () => {
    const requests = splitIntoRequests(
      [{ topic: 'a', messages: [message(0, 50), message(1, 20_000)] }],
      10_000,
    );
    expect(requests.map((r) => r.flatMap((t) => t.messages).length)).toEqual([1, 1]);
  });
});
