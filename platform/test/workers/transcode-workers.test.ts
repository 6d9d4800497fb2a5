import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import {
  killTranscodeMidJob,
  outboxCount,
  spawnTranscodeWorker,
} from '../support/transcode-crash.js';

let harness: Harness;

beforeAll(async () => {
  // This process runs everything but transcoding; a separate worker process takes the job.
  harness = await startHarness({ roles: ['relay', 'publish', 'cleanup'] });
});
afterAll(() => harness?.stop());

describe('two transcode workers', () => {
  it('share the jobs: both work at once, and each video is transcoded and published once', async () => {
    const { sdk } = await harness.tenant();
    const db = harness.reel.ctx.database.pool;
    // Each runs one job at a time, so two jobs held at once means both workers are working.
    spawnTranscodeWorker();
    spawnTranscodeWorker();
    const uploads = await Promise.all(
      (['landscape.mp4', 'silent.mp4'] as const).map(async (name) =>
        uploadFile(sdk, await clip(name)),
      ),
    );
    const videoIds = uploads.map((upload) => upload.video_id);
    await until('both jobs to be held at the same moment', async () => {
      const { rows } = await db.query(
        `select count(*)::int as n from queue_jobs
          where group_name = 'transcode' and key = any($1) and locked_until > now() and done_at is null`,
        [videoIds],
      );
      return rows[0].n === 2;
    });
    for (const videoId of videoIds) {
      const video = await sdk.videos.waitUntilSettled(videoId, {
        timeoutMs: 90_000,
        intervalMs: 200,
      });
      expect(video.status).toBe('ready');
      expect(await outboxCount(harness, 'video.transcoded', videoId)).toBe(1);
      expect(await outboxCount(harness, 'video.published', videoId)).toBe(1);
    }
    const jobs = await db.query(
      `select attempts from queue_jobs where group_name = 'transcode' and key = any($1)`,
      [videoIds],
    );
    expect(jobs.rows.map((job: { attempts: number }) => job.attempts)).toEqual([1, 1]);
  });
});

describe('a transcode worker killed mid-job', () => {
  it('leaves the job to be retried, and the retry publishes the video once', async () => {
    const db = harness.reel.ctx.database.pool;
    const videoId = await killTranscodeMidJob(harness, {
      leaseSec: 3,
      hasJob: (_worker, id) =>
        until('the worker to claim the job', async () => {
          const { rows } = await db.query(
            `select attempts from queue_jobs where group_name = 'transcode' and key = $1 and locked_until > now()`,
            [id],
          );
          return rows[0]?.attempts === 1;
        }),
      settleTimeoutMs: 90_000,
    });
    const job = await db.query(
      `select attempts, done_at from queue_jobs where group_name = 'transcode' and key = $1`,
      [videoId],
    );
    expect(job.rows[0].attempts).toBe(2);
    expect(job.rows[0].done_at).not.toBeNull();
    const renditions = await db.query(
      `select count(*)::int as n from video_renditions where video_id = $1`,
      [videoId],
    );
    expect(renditions.rows[0].n).toBe(5); // four video renditions and the audio group
  });
});
