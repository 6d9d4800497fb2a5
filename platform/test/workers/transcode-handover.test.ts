import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { WORKER_ROLES } from '../../src/workers/roles.js';
import { clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { outboxCount } from '../support/transcode-crash.js';
import { spawnWorker } from '../support/worker-process.js';

let harness: Harness;

beforeAll(async () => {
  // Every role but transcode here: transcodes run only in the worker processes the test starts.
  harness = await startHarness({ roles: WORKER_ROLES.filter((role) => role !== 'transcode') });
});
afterAll(() => harness?.stop());

/** The video's transcode job on the Postgres queue. */
async function transcodeJob(videoId: string) {
  const { rows } = await harness.reel.ctx.database.pool.query(
    `select attempts, locked_until, done_at, dead_at from queue_jobs
      where group_name = 'transcode' and topic = 'transcode.requested' and key = $1`,
    [videoId],
  );
  return rows as { attempts: number; locked_until: Date | null; done_at: Date | null }[];
}

describe('stopping a transcode worker mid-encode', () => {
  it('hands the job to another worker at once, which makes one clean ready video', async () => {
    const { sdk } = await harness.tenant();
    // A long lease: only a hand-back, never a lapsed lease, lets the second worker start soon.
    const lease = { REEL_JOB_LEASE_SEC: '600' };
    const first = await spawnWorker(['transcode'], lease);
    onTestFinished(() => first.kill());
    const { video_id: videoId } = await uploadFile(sdk, await clip('landscape.mp4'));
    await until('the encoding stage to run', async () => {
      const { stages } = await sdk.videos.timeline(videoId);
      return stages.some((s) => s.stage === 'encoding' && s.ended_at === null);
    });

    expect(await first.terminate()).toBe(0);
    // Given back, not finished nor failed: free to claim, its attempt not counted.
    expect(await transcodeJob(videoId)).toEqual([
      expect.objectContaining({ attempts: 0, locked_until: null, done_at: null, dead_at: null }),
    ]);
    expect((await sdk.videos.get(videoId)).status).toBe('processing');

    const second = await spawnWorker(['transcode'], lease);
    onTestFinished(() => second.kill());
    const video = await sdk.videos.waitUntilSettled(videoId, { timeoutMs: 120_000 });
    expect(video.status).toBe('ready');
    const timeline = await sdk.videos.timeline(videoId);
    // Each stage once: the second run took the first's stages over, it added none.
    const stages = timeline.stages.map((s) => s.stage);
    expect(new Set(stages).size).toBe(stages.length);
    expect(stages.at(-1)).toBe('published');
    expect(timeline.stages.every((s) => s.ended_at !== null)).toBe(true);
    const [job] = await transcodeJob(videoId);
    expect(job).toMatchObject({ attempts: 1, locked_until: null });
    expect(job?.done_at).not.toBeNull();
    expect(await outboxCount(harness, 'video.transcoded', videoId)).toBe(1);
    expect(await outboxCount(harness, 'video.published', videoId)).toBe(1);
    // One row per rendition, as the ladder for 1280x720 has them, none twice.
    const { rows } = await harness.reel.ctx.database.pool.query(
      `select rendition_id from video_renditions where video_id = $1`,
      [videoId],
    );
    const ids = rows.map((r: { rendition_id: string }) => r.rendition_id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
