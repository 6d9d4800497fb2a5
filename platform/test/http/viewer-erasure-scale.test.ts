import { randomUUID } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comments, notifications, videoLikes, videos, watchHistory } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

/** 10,000 rows about one viewer: a quarter each of likes, comments, history and notifications. */
const EACH = 2_500;

let harness: Harness;
let tenant: { tenantId: string; apiKey: string; sdk: Reel };

beforeAll(async () => {
  harness = await startHarness({ roles: ['cleanup', 'relay', 'counters'] });
  tenant = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('erasing a viewer with 10,000 items', () => {
  it('finishes in batches and takes back every count', async () => {
    const { db } = harness.reel.ctx.database;
    const { tenantId } = tenant;
    const viewerId = `heavy-${randomUUID().slice(0, 8)}`;
    const videoIds = Array.from({ length: EACH }, () => randomUUID());
    // Counts as the counters role would have left them: one like each, all the comments on one.
    await db.insert(videos).values(
      videoIds.map((id, i) => ({
        id,
        tenantId,
        status: 'ready' as const,
        title: `Video ${i}`,
        originalKey: `raw-uploads/${id}/original`,
        publishedAt: new Date(),
        likeCount: 1,
        commentCount: i === 0 ? EACH : 0,
      })),
    );
    const [commented = ''] = videoIds;
    await db
      .insert(videoLikes)
      .values(videoIds.map((videoId) => ({ tenantId, viewerId, videoId })));
    await db
      .insert(watchHistory)
      .values(videoIds.map((videoId) => ({ tenantId, viewerId, videoId })));
    await db.insert(comments).values(
      videoIds.map(() => {
        const id = randomUUID();
        return {
          id,
          tenantId,
          videoId: commented,
          threadId: id,
          authorViewerId: viewerId,
          text: 'Heavy commenter',
          state: 'published' as const,
        };
      }),
    );
    await db.insert(notifications).values(
      videoIds.map((videoId) => ({
        tenantId,
        viewerId,
        kind: 'comment_reply' as const,
        payload: { video_id: videoId },
        sourceEventId: randomUUID(),
      })),
    );

    const started = performance.now();
    const erasure = await tenant.sdk.viewers.erase(viewerId);
    await until(
      'the erasure is done',
      async () => (await tenant.sdk.viewers.erasure(erasure.erasure_id)).status === 'done',
      120_000,
    );
    const erasedMs = performance.now() - started;
    console.log(`erasing a viewer with ${4 * EACH} items took ${Math.round(erasedMs)} ms`);

    const left = await contractFetch(`${harness.url}/v1/viewers/${viewerId}/export`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    expect(left.status).toBe(404);
    const counted = await until(
      'every count taken back',
      async () => {
        const [row] = await db
          .select({
            likes: sql<number>`sum(${videos.likeCount})::int`,
            comments: sql<number>`sum(${videos.commentCount})::int`,
          })
          .from(videos)
          .where(eq(videos.tenantId, tenantId));
        return row?.likes === 0 && row.comments === 0 ? row : undefined;
      },
      120_000,
    );
    expect(counted).toEqual({ likes: 0, comments: 0 });
  });
});
