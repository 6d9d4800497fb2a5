import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoLikes, videos } from '../../src/db/schema.js';
import { call, tenantWithVideos } from '../http/likes-and-comments-world.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

const LIKES = 2_000;
const CONCURRENCY = 16;

/** Runs `work(i)` for i in 0..n-1, `CONCURRENCY` at a time; answers per second. */
async function perSecond(n: number, work: (i: number) => Promise<void>) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) await work(i);
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.stop());

/** Prints the like throughput of services mode (Kafka, Redis) beside plain INSERTs of the rows. */
describe('measurements (services mode)', () => {
  it('likes/s on one video against plain INSERTs, and the count settles to the rows', async () => {
    const world = await tenantWithVideos(harness);
    const videoId = world.videos.open.video_id;
    const db = harness.reel.ctx.database.ownerDb;
    const bare = await perSecond(LIKES, async () => {
      await db
        .insert(videoLikes)
        .values({ tenantId: world.tenantId, videoId, viewerId: `bare-${randomUUID()}` });
    });
    // Out of the way again: the count must reach the rows Reel wrote.
    await db.execute(
      sql`delete from video_likes where video_id = ${videoId} and viewer_id like 'bare-%'`,
    );
    const tokens = await Promise.all(
      Array.from({ length: LIKES }, () => world.viewer(`fan-${randomUUID()}`)),
    );
    const reel = await perSecond(LIKES, async (i) => {
      const answer = await call(harness, 'POST', `/v1/videos/${videoId}/like`, {
        token: tokens[i],
      });
      // The body names the refusal (its code), should one come.
      const body = await answer.text();
      expect(answer.status, body).toBe(200);
    });
    const sent = performance.now();
    await until('like_count to reach the rows', async () => {
      const [row] = await db
        .select({ n: videos.likeCount })
        .from(videos)
        .where(eq(videos.id, videoId));
      return row?.n === LIKES;
    });
    console.log(
      `likes over Kafka + Redis (${LIKES}, ${CONCURRENCY} in flight): ${Math.round(reel)}/s; plain INSERTs ${Math.round(bare)}/s (ratio ${(reel / bare).toFixed(3)}); like_count settled ${Math.round(performance.now() - sent)} ms after the last answer`,
    );
    expect(reel).toBeGreaterThan(0);
  });
});
