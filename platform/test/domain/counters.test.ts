import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadCountingEvent, byKind, countsOf, parseCounterName } from '../../src/domain/counters.js';

const video = randomUUID();
const thread = randomUUID();
const channel = randomUUID();

describe('counting events', () => {
  it('carry the deltas of what they count', () => {
    expect(countsOf('events.likes', { video_id: video, delta: 1 })).toEqual({
      [`likes:${video}`]: 1,
    });
    expect(
      countsOf('events.comments', { video_id: video, thread_id: thread, reply: true, delta: -1 }),
    ).toEqual({ [`comments:${video}`]: -1, [`replies:${thread}`]: -1 });
    expect(
      countsOf('events.comments', { video_id: video, thread_id: video, reply: false, delta: 1 }),
    ).toEqual({ [`comments:${video}`]: 1 });
    expect(countsOf('events.subscriptions', { channel_id: channel, delta: -1 })).toEqual({
      [`subscribers:${channel}`]: -1,
    });
  });

  it.each([
    ['a delta other than ±1', 'events.likes', { video_id: video, delta: 2 }],
    ['a huge delta', 'events.likes', { video_id: video, delta: Number.MAX_SAFE_INTEGER }],
    ['a delta as text', 'events.likes', { video_id: video, delta: '1' }],
    ['no delta', 'events.likes', { video_id: video }],
    ['an id with a NUL byte', 'events.likes', { video_id: `${video}\u0000`, delta: 1 }],
    ['an id that is SQL', 'events.likes', { video_id: "x'; drop table videos; --", delta: 1 }],
    ['a reply without its thread', 'events.comments', { video_id: video, reply: true, delta: 1 }],
    ['a channel id that is a number', 'events.subscriptions', { channel_id: 7, delta: 1 }],
    ['another topic', 'video.published', { video_id: video, delta: 1 }],
  ])('refuse %s', (_, topic, payload) => {
    expect(() => countsOf(topic, payload)).toThrow(BadCountingEvent);
  });
});

describe('counter names', () => {
  it('read back as kind and id, and nothing else does', () => {
    expect(parseCounterName(`likes:${video}`)).toEqual({ kind: 'likes', id: video });
    for (const name of [
      '',
      'likes',
      `views:${video}`,
      `likes:${video}:x`,
      'likes:nope',
      `:${video}`,
    ])
      expect(parseCounterName(name), name).toBeUndefined();
  });

  it('group taken sums by kind, leaving out zeros, garbage and unsafe numbers', () => {
    const grouped = byKind({
      [`likes:${video}`]: 3,
      [`comments:${video}`]: 0,
      [`subscribers:${channel}`]: 2 ** 60,
      'likes:garbage': 1,
      [`replies:${thread}`]: -2,
    });
    expect(Object.fromEntries(grouped)).toEqual({
      likes: [{ id: video, delta: 3 }],
      replies: [{ id: thread, delta: -2 }],
    });
  });
});
