import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { call, tenantWithVideos } from './likes-and-comments-world.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe("a video's row", () => {
  it('takes comments, likes and changes of the video at once without a deadlock', async () => {
    const world = await tenantWithVideos(harness);
    const videoId = world.videos.open.video_id;
    const viewers = await Promise.all(Array.from({ length: 20 }, (_, i) => world.viewer(`v${i}`)));
    // Each comment inserts a row that references the video and then numbers its webhook event
    // on the video's row, while the tenant changes the video: both must wait, never deadlock.
    const statuses = await Promise.all([
      ...viewers.map((token, i) =>
        call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
          token,
          body: { text: `comment ${i}` },
        }).then((r) => r.status),
      ),
      ...viewers.map((token) =>
        call(harness, 'POST', `/v1/videos/${videoId}/like`, { token }).then((r) => r.status),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        world.sdk.videos.update(videoId, { title: `title ${i}`, comments_policy: 'enabled' }).then(
          () => 200,
          (error: { status?: number }) => error.status ?? 0,
        ),
      ),
    ]);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
  });
});
