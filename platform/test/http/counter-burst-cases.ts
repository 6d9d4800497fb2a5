import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, comments, subscriptions, videoLikes, videos } from '../../src/db/schema.js';
import { WORKER_ROLES } from '../../src/workers/roles.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';
import { call, tenantWithVideos } from './likes-and-comments-world.js';

/** Recounts every two seconds, so the repair after a kill shows within the test. */
const COUNTER_ENV = { REEL_COUNTER_RECONCILE_INTERVAL_SEC: '2' };
const VIEWERS = 200;
const LIKE_CALLS = 1_000;

/**
 * Counts under a burst, in any mode: the API runs here without the counters role, which runs
 * in `reel worker` processes of its own that the test kills outright (SIGKILL) mid-burst, so
 * what they had summed and not yet written is lost, and restarts. The counts must still come
 * to equal the rows.
 */
export function counterBurstCases() {
  let harness: Harness;
  let world: Awaited<ReturnType<typeof tenantWithVideos>>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    harness = await startHarness({
      // Counters run in worker processes; live would listen for RTMP, which this suite never sends.
      roles: WORKER_ROLES.filter((role) => role !== 'counters' && role !== 'live'),
      env: COUNTER_ENV,
    });
    world = await tenantWithVideos(harness);
  });
  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await harness?.stop();
    expect(violations).toEqual([]);
  });

  const db = () => harness.reel.ctx.database.ownerDb;
  const rowsOf = async (
    table: typeof videoLikes | typeof subscriptions,
    where: ReturnType<typeof eq>,
  ) => {
    const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(table).where(where);
    return row?.n ?? 0;
  };
  /** The counts as stored, and as the source rows say they should be. */
  async function countsAndRows(videoId: string, channelId: string) {
    const [video] = await db()
      .select({ likes: videos.likeCount, comments: videos.commentCount })
      .from(videos)
      .where(eq(videos.id, videoId));
    const [channel] = await db()
      .select({ subscribers: channels.subscriberCount })
      .from(channels)
      .where(eq(channels.id, channelId));
    const [published] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(comments)
      .where(and(eq(comments.videoId, videoId), eq(comments.state, 'published')));
    return {
      counts: { likes: video?.likes, comments: video?.comments, subscribers: channel?.subscribers },
      rows: {
        likes: await rowsOf(videoLikes, eq(videoLikes.videoId, videoId)),
        comments: published?.n ?? 0,
        subscribers: await rowsOf(subscriptions, eq(subscriptions.channelId, channelId)),
      },
    };
  }

  describe('counts after a burst', () => {
    it('equal the rows after 1,000 likes and unlikes from 200 viewers, with the counter worker killed mid-burst', async () => {
      const videoId = world.videos.open.video_id;
      const channel = await world.sdk.channels.create({
        handle: `burst_${randomUUID().slice(0, 8)}`,
        title: 'Burst',
      });
      workers.push(await spawnWorker(['counters'], COUNTER_ENV));
      const tokens = await Promise.all(
        Array.from({ length: VIEWERS }, (_, i) => world.viewer(`burst-${i}-${randomUUID()}`)),
      );
      let done = 0;
      let restarted: Promise<WorkerProcess> | undefined;
      const afterCall = async () => {
        done++;
        if (done === Math.floor(LIKE_CALLS * 0.4)) {
          // Killed with deltas counted and not yet written; a new one takes over.
          const [killed] = workers.splice(0, 1);
          await killed?.kill();
          restarted = spawnWorker(['counters'], COUNTER_ENV);
        }
      };
      // Each viewer: five like calls (like, unlike, and repeats of either), a comment (some then
      // deleted) and a subscription (some then dropped); each ends in a state of its own.
      await Promise.all(
        tokens.map(async (token, i) => {
          const moves = [
            'POST',
            'DELETE',
            'POST',
            i % 3 === 0 ? 'DELETE' : 'POST',
            i % 7 === 0 ? 'DELETE' : 'POST',
          ];
          for (const method of moves) {
            const answer = await call(harness, method, `/v1/videos/${videoId}/like`, { token });
            expect(answer.status).toBe(200);
            expect(((await answer.json()) as { liked: boolean }).liked).toBe(method === 'POST');
            await afterCall();
          }
          const posted = await call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
            token,
            body: { text: `burst ${i}` },
          });
          expect(posted.status).toBe(201);
          if (i % 4 === 0) {
            const { comment_id } = (await posted.json()) as { comment_id: string };
            expect(
              (await call(harness, 'DELETE', `/v1/comments/${comment_id}`, { token })).status,
            ).toBe(204);
          }
          const path = `/v1/channels/${channel.channel_id}/subscribe`;
          expect((await call(harness, 'POST', path, { token })).status).toBe(200);
          if (i % 5 === 0)
            expect((await call(harness, 'DELETE', path, { token })).status).toBe(204);
        }),
      );
      expect(done).toBe(LIKE_CALLS);
      workers.push(await (restarted as Promise<WorkerProcess>));

      const expected = {
        likes: Array.from({ length: VIEWERS }, (_, i) => i % 7 !== 0).filter(Boolean).length,
        comments: VIEWERS - Math.ceil(VIEWERS / 4),
        subscribers: VIEWERS - Math.ceil(VIEWERS / 5),
      };
      const settled = await until(
        'the counts to equal the rows',
        async () => {
          const now = await countsAndRows(videoId, channel.channel_id);
          return JSON.stringify(now.counts) === JSON.stringify(now.rows) ? now : undefined;
        },
        90_000,
      );
      expect(settled.rows).toEqual(expected);
      // What a user sees says the same.
      const probe = await world.viewer(`probe-${randomUUID()}`);
      const seen = await call(harness, 'DELETE', `/v1/videos/${videoId}/like`, { token: probe });
      expect(((await seen.json()) as { like_count: number }).like_count).toBe(expected.likes);
      await until('the channel page to show the count', async () => {
        const page = await world.sdk.channels.get(channel.channel_id);
        return page.subscriber_count === expected.subscribers;
      });
    });

    it('are repaired by the recount when a count drifted (a lost event)', async () => {
      const videoId = world.videos.other.video_id;
      if (workers.length === 0) workers.push(await spawnWorker(['counters'], COUNTER_ENV));
      const token = await world.viewer(`drift-${randomUUID()}`);
      expect((await call(harness, 'POST', `/v1/videos/${videoId}/like`, { token })).status).toBe(
        200,
      );
      // As if events had been lost: the stored counts say something else entirely.
      await db()
        .update(videos)
        .set({ likeCount: 999, commentCount: 42 })
        .where(eq(videos.id, videoId));
      await until('the recount to repair the counts', async () => {
        const [row] = await db()
          .select({ likes: videos.likeCount, comments: videos.commentCount })
          .from(videos)
          .where(eq(videos.id, videoId));
        return row?.likes === 1 && row.comments === 0;
      });
    });
  });
}
