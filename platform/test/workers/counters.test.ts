import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushCounts } from '../../src/app/counters/flush-counts.js';
import { videos } from '../../src/db/schema.js';
import { tenantWithVideos } from '../http/likes-and-comments-world.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let videoId: string;

// No counters role: the test drives the counter store and the flush itself.
beforeAll(async () => {
  harness = await startHarness({ roles: ['relay', 'transcode', 'publish'] });
  videoId = (await tenantWithVideos(harness)).videos.open.video_id;
});
afterAll(() => harness?.stop());

const likeCount = async () => {
  const [row] = await harness.reel.ctx.database.ownerDb
    .select({ n: videos.likeCount })
    .from(videos)
    .where(eq(videos.id, videoId));
  return row?.n;
};

describe('the counter flush', () => {
  it('writes 10,000 likes of one video as one row update, each event once', async () => {
    const { ctx } = harness.reel;
    const before = (await likeCount()) ?? 0;
    const events = Array.from({ length: 10_000 }, () => randomUUID());
    await Promise.all(events.map((id) => ctx.cache.addCounts(id, { [`likes:${videoId}`]: 1 })));
    // At-least-once delivery: a tenth of them again.
    const again = await Promise.all(
      events.slice(0, 1_000).map((id) => ctx.cache.addCounts(id, { [`likes:${videoId}`]: 1 })),
    );
    expect(again.every((added) => added === false)).toBe(true);
    expect(await flushCounts(ctx)).toBe(1);
    expect(await likeCount()).toBe(before + 10_000);
    expect(await flushCounts(ctx)).toBe(0);
  });

  it('skips garbage in the store and still writes the rest; an unknown id changes nothing', async () => {
    const { ctx } = harness.reel;
    const before = (await likeCount()) ?? 0;
    await ctx.cache.returnCounts({
      'likes:not-a-uuid': 5,
      'nonsense\u0000': 1,
      [`likes:${randomUUID()}`]: 3,
      [`likes:${videoId}`]: -2,
    });
    expect(await flushCounts(ctx)).toBe(2);
    expect(await likeCount()).toBe(before - 2);
  });
});
