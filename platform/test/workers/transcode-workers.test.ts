import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startWorkers } from '../../src/workers/roles.js';
import { clip } from '../support/clips.js';
import { type Harness, startHarness, testEnv } from '../support/harness.js';

const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));
let harness: Harness;

beforeAll(async () => {
  // This process runs everything but transcoding; a separate worker process takes the job.
  harness = await startHarness({ roles: ['relay', 'publish', 'cleanup'] });
});
afterAll(() => harness?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A `reel worker --role transcode` process, killed when the test finishes, pass or fail. */
function spawnTranscodeWorker(env: Record<string, string> = {}): ChildProcess {
  const worker = spawn(process.execPath, [CLI, 'worker', '--role', 'transcode'], {
    env: { ...process.env, ...testEnv(env) },
    detached: true,
    stdio: 'ignore',
  });
  onTestFinished(() => {
    try {
      process.kill(-(worker.pid ?? 0), 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return worker;
}

const outboxCount = async (topic: string, videoId: string) =>
  (
    await harness.reel.ctx.database.pool.query(
      `select count(*)::int as n from outbox where topic = $1 and key = $2`,
      [topic, videoId],
    )
  ).rows[0].n;

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
      return rows[0].n === 2 ? true : undefined;
    });
    for (const videoId of videoIds) {
      const video = await sdk.videos.waitUntilSettled(videoId, {
        timeoutMs: 90_000,
        intervalMs: 200,
      });
      expect(video.status).toBe('ready');
      expect(await outboxCount('video.transcoded', videoId)).toBe(1);
      expect(await outboxCount('video.published', videoId)).toBe(1);
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
    const { sdk } = await harness.tenant();
    const db = harness.reel.ctx.database.pool;
    const worker = spawnTranscodeWorker({ REEL_JOB_LEASE_SEC: '3' });
    const uploaded = await uploadFile(sdk, await clip('landscape.mp4'));
    const videoId = uploaded.video_id;

    // Wait until the worker holds the job and ffmpeg has written output, then kill it all.
    await until('the worker to claim the job', async () => {
      const { rows } = await db.query(
        `select attempts from queue_jobs where group_name = 'transcode' and key = $1 and locked_until > now()`,
        [videoId],
      );
      return rows[0]?.attempts === 1 ? true : undefined;
    });
    await sleep(1500);
    process.kill(-(worker.pid ?? 0), 'SIGKILL');
    expect((await sdk.videos.get(videoId)).status).toBe('processing');

    // A healthy worker picks the job up once the dead one's lease lapses.
    const rescuer = startWorkers(harness.reel.ctx, ['transcode'], () => {});
    try {
      const video = await sdk.videos.waitUntilSettled(videoId, {
        timeoutMs: 90_000,
        intervalMs: 200,
      });
      expect(video.status).toBe('ready');
      expect(video.renditions.map((r) => r.rendition_id)).toEqual(['240p', '360p', '480p', '720p']);
    } finally {
      await rescuer.stop();
    }
    expect(await outboxCount('video.transcoded', videoId)).toBe(1);
    expect(await outboxCount('video.published', videoId)).toBe(1);
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
