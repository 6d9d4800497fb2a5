import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { uploadFile } from '@reel/sdk/node';
import { expect, onTestFinished } from 'vitest';
import { startWorkers } from '../../src/workers/roles.js';
import { clip } from './clips.js';
import { type Harness, testEnv } from './harness.js';
import { sleep } from './polling.js';

const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));

/** A `reel worker --role transcode` process, killed when the test finishes, pass or fail. */
export function spawnTranscodeWorker(env: Record<string, string> = {}): ChildProcess {
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

/** How many `topic` events the outbox holds for the video. */
export async function outboxCount(harness: Harness, topic: string, videoId: string) {
  const { rows } = await harness.reel.ctx.database.pool.query(
    `select count(*)::int as n from outbox where topic = $1 and key = $2`,
    [topic, videoId],
  );
  return rows[0].n as number;
}

/**
 * The crash case both event buses must survive: a worker process takes a video's transcode job,
 * is SIGKILLed mid-job, and a healthy worker in this process finishes it once its lease lapses.
 * `hasJob` says when the doomed worker is at work. Returns the video id, published exactly once.
 */
export async function killTranscodeMidJob(
  harness: Harness,
  options: {
    leaseSec: number;
    hasJob: (worker: ChildProcess, videoId: string) => Promise<unknown>;
    settleTimeoutMs: number;
  },
): Promise<string> {
  const { sdk } = await harness.tenant();
  const worker = spawnTranscodeWorker({ REEL_JOB_LEASE_SEC: String(options.leaseSec) });
  const { video_id: videoId } = await uploadFile(sdk, await clip('landscape.mp4'));
  await options.hasJob(worker, videoId);
  await sleep(1500); // let ffmpeg write some output, so the retry meets leftovers
  process.kill(-(worker.pid ?? 0), 'SIGKILL');
  // Its first segments may be out already: then it plays on while the rescuer starts over.
  expect(['processing', 'playable']).toContain((await sdk.videos.get(videoId)).status);

  const rescuer = startWorkers(harness.reel.ctx, ['transcode'], () => {});
  try {
    const video = await sdk.videos.waitUntilSettled(videoId, {
      timeoutMs: options.settleTimeoutMs,
      intervalMs: 200,
    });
    expect(video.status).toBe('ready');
    expect(video.renditions.map((r) => r.rendition_id)).toEqual(['240p', '360p', '480p', '720p']);
  } finally {
    await rescuer.stop();
  }
  expect(await outboxCount(harness, 'video.transcoded', videoId)).toBe(1);
  expect(await outboxCount(harness, 'video.published', videoId)).toBe(1);
  expect(await outboxCount(harness, 'video.playable', videoId)).toBeLessThanOrEqual(1);
  return videoId;
}
