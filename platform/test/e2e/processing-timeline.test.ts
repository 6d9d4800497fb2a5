import type { Reel, VideoStage, VideoTimeline } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let sdk: Reel;
let otherApiKey: string;

beforeAll(async () => {
  harness = await startHarness();
  sdk = (await harness.tenant()).sdk;
  otherApiKey = (await harness.tenant()).apiKey;
});
afterAll(() => harness?.stop());

const stageOf = (timeline: VideoTimeline, name: VideoStage['stage']) =>
  timeline.stages.find((s) => s.stage === name);

/** Each stage ends after it starts, and begins no earlier than the one before it ended. */
function expectInTime(timeline: VideoTimeline) {
  let previousEnd = 0;
  const encoding = timeline.stages.find((s) => s.stage === 'encoding');
  for (const stage of timeline.stages) {
    if (stage.stage === 'playable') {
      // An instant inside encoding, not a stage after it.
      const at = Date.parse(stage.started_at);
      expect(at).toBeGreaterThanOrEqual(Date.parse(encoding?.started_at ?? ''));
      expect(at).toBeLessThanOrEqual(Date.parse(encoding?.ended_at ?? ''));
      continue;
    }
    const started = Date.parse(stage.started_at);
    expect(Date.parse(stage.ended_at ?? stage.started_at)).toBeGreaterThanOrEqual(started);
    expect(started).toBeGreaterThanOrEqual(previousEnd);
    if (stage.ended_at) previousEnd = Date.parse(stage.ended_at);
  }
}

describe('the processing timeline', () => {
  it('lists every stage of a real upload in order, with progress rising to 100', async () => {
    const uploaded = await uploadFile(sdk, await clip('landscape.mp4'), { title: 'timeline' });
    const heard: number[] = [];
    const video = await sdk.videos.waitUntilSettled(uploaded.video_id, {
      timeoutMs: 120_000,
      intervalMs: 100,
      onProgress: (percent) => heard.push(percent),
    });
    expect(video.status).toBe('ready');
    expect(video.progress).toBeUndefined();

    expect(heard.at(-1)).toBe(100);
    expect(heard[0]).toBeLessThan(100);
    for (let i = 1; i < heard.length; i++) expect(heard[i]).toBeGreaterThan(heard[i - 1] ?? 0);

    const timeline = await sdk.videos.timeline(video.video_id);
    expect(timeline.status).toBe('ready');
    // A clip this short can be encoded whole before its first segments are seen: `playable`
    // (test/e2e/progressive-publishing.test.ts) may or may not come between.
    expect(timeline.stages.map((s) => s.stage).filter((s) => s !== 'playable')).toEqual([
      'uploaded',
      'probed',
      'encoding',
      'stored',
      'published',
    ]);
    expect(timeline.stages.every((s) => s.ended_at !== null)).toBe(true);
    expectInTime(timeline);
    expect(stageOf(timeline, 'probed')?.input).toMatchObject({
      container: expect.stringContaining('mp4'),
      width: 1280,
      height: 720,
      video_codec: 'h264',
      audio_codec: 'aac',
      fps: 25,
      rotation: 0,
      notes: [],
    });
    expect(stageOf(timeline, 'probed')?.input?.duration_sec).toBeCloseTo(5, 0);
    const encoding = stageOf(timeline, 'encoding');
    expect(encoding?.progress).toBe(100);
    expect(encoding?.speed).toBeGreaterThan(0);
  });

  it('shows the failed stage with its reason for a file that is not a video', async () => {
    const uploaded = await uploadFile(sdk, await clip('garbage.mp4'), { title: 'garbage' });
    const video = await sdk.videos.waitUntilSettled(uploaded.video_id, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    expect(video.status).toBe('failed');
    const timeline = await sdk.videos.timeline(video.video_id);
    expect(timeline.status).toBe('failed');
    expect(timeline.stages.map((s) => s.stage)).toEqual(['uploaded', 'probed', 'failed']);
    expect(stageOf(timeline, 'probed')?.ended_at).toBeNull();
    const failed = stageOf(timeline, 'failed');
    expect(failed?.error?.code).toBe('unreadable_media');
    expect(failed?.error?.message).toMatch(/not a readable video/);
    expect(failed?.ended_at).not.toBeNull();
    expectInTime(timeline);
  });

  it('shows only an open upload, and no progress, before the upload completes', async () => {
    const upload = await sdk.uploads.create({
      filename: 'waiting.mp4',
      size_bytes: 1000,
      mime: 'video/mp4',
      sha256: 'b'.repeat(64),
    });
    const timeline = await sdk.videos.timeline(upload.video_id);
    expect(timeline.status).toBe('waiting_for_upload');
    expect(timeline.stages).toEqual([
      { stage: 'uploaded', started_at: expect.any(String), ended_at: null },
    ]);
    expect((await sdk.videos.get(upload.video_id)).progress).toBeUndefined();
  });

  it("answers 404 for another tenant's video or an unknown id, 400 for a malformed one", async () => {
    const upload = await sdk.uploads.create({
      filename: 'mine.mp4',
      size_bytes: 1000,
      mime: 'video/mp4',
      sha256: 'c'.repeat(64),
    });
    const asOther = (id: string) =>
      fetch(`${harness.url}/v1/videos/${id}/timeline`, {
        headers: { authorization: `Bearer ${otherApiKey}` },
      });
    const theirs = await asOther(upload.video_id);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toMatchObject({ code: 'not_found' });
    expect((await asOther('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const malformed = await asOther('not-a-uuid%00');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: expect.any(String) });
    const anonymous = await fetch(`${harness.url}/v1/videos/${upload.video_id}/timeline`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${harness.url}/v1/videos/${upload.video_id}/timeline`, {
      headers: { authorization: 'Bearer reel_sk_forged' },
    });
    expect(forged.status).toBe(401);
  });
});
