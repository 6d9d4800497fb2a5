import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoLikes } from '../../src/db/schema.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { call, tenantWithVideos } from './likes-and-comments-world.js';

let harness: Harness;
let world: Awaited<ReturnType<typeof tenantWithVideos>>;
let stranger: Awaited<ReturnType<typeof tenantWithVideos>>;

beforeAll(async () => {
  harness = await startHarness();
  [world, stranger] = await Promise.all([tenantWithVideos(harness), tenantWithVideos(harness)]);
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

type LikeState = { video_id: string; liked: boolean; like_count: number };

const like = async (videoId: string, token: string | undefined, method = 'POST') => {
  const response = await call(harness, method, `/v1/videos/${videoId}/like`, { token });
  return { status: response.status, body: (await response.json()) as LikeState };
};

/**
 * Counts are kept by the counters role, seconds behind: waits until `viewer` repeating its
 * like (or unlike), which changes nothing, answers `count`.
 */
const likeCountSettles = (videoId: string, token: string, method: string, count: number) =>
  until(`like_count ${count}`, async () => {
    const { body } = await like(videoId, token, method);
    return body.like_count === count && body;
  });

/** Like rows as Postgres holds them, read as the owner. */
async function likeRows(videoId: string, viewerId?: string) {
  const [row] = await harness.reel.ctx.database.ownerDb
    .select({ n: sql<number>`count(*)::int` })
    .from(videoLikes)
    .where(
      and(
        eq(videoLikes.videoId, videoId),
        viewerId ? eq(videoLikes.viewerId, viewerId) : undefined,
      ),
    );
  return row?.n ?? 0;
}

describe('likes', () => {
  it('are idempotent: 50 parallel likes from one viewer make one row and a count of 1', async () => {
    const videoId = world.videos.other.video_id;
    const token = await world.viewer('parallel-liker');
    const answers = await Promise.all(Array.from({ length: 50 }, () => like(videoId, token)));
    for (const a of answers) expect(a).toMatchObject({ status: 200, body: { liked: true } });
    expect(await likeRows(videoId)).toBe(1);
    // Another like answers the same and changes nothing; the count follows in seconds.
    expect(await likeCountSettles(videoId, token, 'POST', 1)).toEqual({
      video_id: videoId,
      liked: true,
      like_count: 1,
    });
    expect((await like(videoId, token, 'DELETE')).body.liked).toBe(false);
    // Unliking what is not liked is fine and changes nothing.
    expect(await likeCountSettles(videoId, token, 'DELETE', 0)).toEqual({
      video_id: videoId,
      liked: false,
      like_count: 0,
    });
    expect(await likeRows(videoId)).toBe(0);
  });

  it('keep like_count equal to the rows through a burst of likes and unlikes from 50 viewers', async () => {
    const videoId = world.videos.open.video_id;
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, i) => world.viewer(`burst-${i}`)),
    );
    // Each viewer likes, unlikes and likes again; every third ends unliked.
    await Promise.all(
      tokens.map(async (token, i) => {
        await like(videoId, token);
        await Promise.all([like(videoId, token, 'DELETE'), like(videoId, token)]);
        await like(videoId, token, i % 3 === 0 ? 'DELETE' : 'POST');
      }),
    );
    const rows = await likeRows(videoId);
    expect(rows).toBe(50 - Math.ceil(50 / 3));
    const probe = await world.viewer('burst-probe');
    await likeCountSettles(videoId, probe, 'DELETE', rows);
    // The Video resource carries the same count.
    await until('the video to show the count', async () => {
      const video = await world.sdk.videos.get(videoId);
      return video.like_count === rows;
    });
  });

  it('are allowed on signed videos, which the tenant’s viewer token covers', async () => {
    const videoId = world.videos.signed.video_id;
    const fan = await world.viewer('signed-fan');
    expect(await like(videoId, fan)).toMatchObject({ status: 200, body: { liked: true } });
    await likeCountSettles(videoId, fan, 'POST', 1);
  });

  it('answer 404 for a private, deleted or unknown video, and 401 without a viewer token', async () => {
    const token = await world.viewer('refused');
    expect((await like(world.videos.hidden.video_id, token)).status).toBe(404);
    expect((await like(crypto.randomUUID(), token)).status).toBe(404);
    const doomed = await tenantWithVideos(harness);
    await doomed.sdk.videos.delete(doomed.videos.open.video_id);
    expect((await like(doomed.videos.open.video_id, await doomed.viewer('late'))).status).toBe(404);
    expect((await like(world.videos.open.video_id, undefined)).status).toBe(401);
  });

  it('by another tenant’s viewer see nothing: 404 and no row', async () => {
    const token = await stranger.viewer('intruder');
    const videoId = world.videos.signed.video_id;
    expect((await like(videoId, token)).status).toBe(404);
    expect((await like(videoId, token, 'DELETE')).status).toBe(404);
    expect(await likeRows(videoId, 'intruder')).toBe(0);
  });
});
