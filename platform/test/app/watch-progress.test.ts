import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHistory } from '../../src/app/history/list-history.js';
import { clearHistory, removeHistoryEntry } from '../../src/app/history/remove-history.js';
import { applyViewBatch } from '../../src/app/views/apply-view-batch.js';
import { videos, watchHistorySettings } from '../../src/db/schema.js';
import type { PlaybackReport } from '../../src/domain/watch-progress.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * The views role's rules on a real Postgres, with the receive times a redelivered or late event
 * carries: the orders a bus can deliver in, laid out one by one.
 */
let harness: Harness;
let tenantId: string;

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  ({ tenantId } = await harness.tenant());
});
afterAll(() => harness?.stop());

async function readyVideo() {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId,
    status: 'ready',
    title: 'Watched',
    durationSec: 100,
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
  });
  return id;
}

const secondsAgo = (sec: number) => new Date(Date.now() - sec * 1000);

function apply(viewerId: string, videoId: string, report: Partial<PlaybackReport>) {
  return applyViewBatch(harness.reel.ctx, [
    {
      tenantId,
      viewerId,
      videoId,
      reports: [
        {
          event: 'heartbeat',
          positionSec: 0,
          sessionId: 'session-a',
          seq: 0,
          receivedAt: new Date(),
          ...report,
        },
      ],
    },
  ]);
}

const positions = async (viewerId: string) =>
  (await listHistory(harness.reel.ctx, { tenantId, viewerId })).data.map((e) => [
    e.video_id,
    e.position_sec,
  ]);

describe('applying reports', () => {
  it('a redelivered report of an older session loses to the newer one', async () => {
    const [viewer, video] = [randomUUID(), await readyVideo()];
    await apply(viewer, video, {
      sessionId: 'old-session',
      seq: 9,
      positionSec: 80,
      receivedAt: secondsAgo(60),
    });
    await apply(viewer, video, {
      sessionId: 'new-session',
      seq: 0,
      positionSec: 20,
      receivedAt: secondsAgo(10),
    });
    await apply(viewer, video, {
      sessionId: 'old-session',
      seq: 9,
      positionSec: 80,
      receivedAt: secondsAgo(60),
    });
    await apply(viewer, video, {
      sessionId: 'old-session',
      seq: 10,
      positionSec: 85,
      receivedAt: secondsAgo(50),
    });
    expect(await positions(viewer)).toEqual([[video, 20]]);
  });

  it('several reports of one batch end where applying them one by one would', async () => {
    const [viewer, video] = [randomUUID(), await readyVideo()];
    await apply(viewer, video, { sessionId: 'tv', positionSec: 10, receivedAt: secondsAgo(30) });
    const phone = (seq: number, positionSec: number, receivedAt: Date) => ({
      event: 'heartbeat' as const,
      sessionId: 'phone',
      seq,
      positionSec,
      receivedAt,
    });
    // The phone's later heartbeat was received first: it still wins, as seq 6 after seq 5.
    await applyViewBatch(harness.reel.ctx, [
      {
        tenantId,
        viewerId: viewer,
        videoId: video,
        reports: [
          phone(5, 50, secondsAgo(10)),
          phone(6, 60, secondsAgo(40)),
          phone(4, 40, new Date()),
        ],
      },
    ]);
    expect(await positions(viewer)).toEqual([[video, 60]]);
  });

  it('reports received before a removal or a clear never bring the entry back', async () => {
    const [viewer, removed, cleared] = [randomUUID(), await readyVideo(), await readyVideo()];
    await apply(viewer, removed, { positionSec: 30, receivedAt: secondsAgo(30) });
    await removeHistoryEntry(harness.reel.ctx, { tenantId, viewerId: viewer, videoId: removed });
    await apply(viewer, removed, { seq: 1, positionSec: 40, receivedAt: secondsAgo(20) });
    await apply(viewer, cleared, {
      sessionId: 'session-b',
      positionSec: 10,
      receivedAt: secondsAgo(30),
    });
    await clearHistory(harness.reel.ctx, { tenantId, viewerId: viewer });
    await apply(viewer, cleared, {
      sessionId: 'session-b',
      seq: 1,
      positionSec: 50,
      receivedAt: secondsAgo(20),
    });
    expect(await positions(viewer)).toEqual([]);
    await apply(viewer, removed, { sessionId: 'session-c', positionSec: 60 });
    expect(await positions(viewer)).toEqual([[removed, 60]]);
  });

  it('a late report of the same session never moves the entry back in the list', async () => {
    const [viewer, first, second] = [randomUUID(), await readyVideo(), await readyVideo()];
    await apply(viewer, first, { seq: 1, positionSec: 10, receivedAt: secondsAgo(20) });
    await apply(viewer, second, { positionSec: 5, receivedAt: secondsAgo(15) });
    // seq 2 was sent after seq 1 but arrived stamped earlier: applied, and the time holds.
    await apply(viewer, first, { seq: 2, positionSec: 12, receivedAt: secondsAgo(25) });
    expect(await positions(viewer)).toEqual([
      [second, 5],
      [first, 12],
    ]);
  });

  it('leaves out videos the viewer can no longer watch, and records none of another tenant', async () => {
    const [viewer, video] = [randomUUID(), await readyVideo()];
    await apply(viewer, video, { positionSec: 30 });
    await harness.reel.ctx.database.db
      .update(videos)
      .set({ visibility: 'private' })
      .where(eq(videos.id, video));
    expect(await positions(viewer)).toEqual([]);
    const other = await harness.tenant();
    await applyViewBatch(harness.reel.ctx, [
      {
        tenantId: other.tenantId,
        viewerId: viewer,
        videoId: await readyVideo(),
        reports: [
          {
            event: 'start',
            positionSec: 3,
            sessionId: 'session-x',
            seq: 0,
            receivedAt: new Date(),
          },
        ],
      },
    ]);
    expect(
      (await listHistory(harness.reel.ctx, { tenantId: other.tenantId, viewerId: viewer })).data,
    ).toEqual([]);
  });

  it('one batch of many viewers, videos and a paused history ends as applying each alone', async () => {
    const [paused, video, other] = [randomUUID(), await readyVideo(), await readyVideo()];
    const viewers = Array.from({ length: 50 }, () => randomUUID());
    await apply(viewers[0] as string, video, { sessionId: 'held', seq: 7, positionSec: 70 });
    await harness.reel.ctx.database.db.insert(watchHistorySettings).values({
      tenantId,
      viewerId: paused,
      paused: true,
    });
    const report = (sessionId: string, seq: number, positionSec: number) => ({
      event: 'heartbeat' as const,
      sessionId,
      seq,
      positionSec,
      receivedAt: new Date(),
    });
    await applyViewBatch(harness.reel.ctx, [
      ...viewers.flatMap((viewerId, i) => [
        {
          tenantId,
          viewerId,
          videoId: video,
          reports: [report('held', 3, i), report('held', 3, 99)],
        },
        { tenantId, viewerId, videoId: other, reports: [report(`s${i}`, 1, i + 1)] },
      ]),
      { tenantId, viewerId: paused, videoId: video, reports: [report('p', 1, 40)] },
      {
        tenantId,
        viewerId: viewers[1] as string,
        videoId: randomUUID(),
        reports: [report('x', 1, 5)],
      },
    ]);
    const sorted = async (viewerId: string) => (await positions(viewerId)).sort();
    // The held seq 7 outranks seq 3 of its own session: viewer 0 stays at 70.
    expect(await sorted(viewers[0] as string)).toEqual(
      [
        [video, 70],
        [other, 1],
      ].sort(),
    );
    // The duplicate seq 3 counts once: the first report of it holds. No entry for the unknown video.
    for (const [i, viewerId] of viewers.entries()) {
      if (i === 0) continue;
      expect(await sorted(viewerId)).toEqual(
        [
          [video, i],
          [other, i + 1],
        ].sort(),
      );
    }
    expect(await positions(paused)).toEqual([]);
  });
});
