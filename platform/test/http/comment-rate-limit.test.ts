import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { call, tenantWithVideos } from './likes-and-comments-world.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ env: { REEL_COMMENT_RATE_LIMIT: '3' } });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('comment posting is limited per viewer', () => {
  it('refuses the comment past the limit with 429, stores nothing, and leaves the rest alone', async () => {
    const world = await tenantWithVideos(harness);
    const [ada, bob] = await Promise.all([world.viewer('ada'), world.viewer('bob')]);
    const videoId = world.videos.open.video_id;
    const comment = (token: string, text: string) =>
      call(harness, 'POST', `/v1/videos/${videoId}/comments`, { token, body: { text } });

    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await comment(ada, `spam ${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await comment(ada, 'one more');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      code: 'rate_limited',
      details: { retry_after_sec: expect.any(Number) },
    });

    // Another viewer has a budget of their own, and the limited one may still do the rest.
    expect((await comment(bob, 'hello')).status).toBe(201);
    expect((await call(harness, 'POST', `/v1/videos/${videoId}/like`, { token: ada })).status).toBe(
      200,
    );
    const listed = await call(harness, 'GET', `/v1/videos/${videoId}/comments?limit=50`);
    const texts = ((await listed.json()) as { data: { text: string }[] }).data.map((c) => c.text);
    expect(texts.sort()).toEqual(['hello', 'spam 1', 'spam 2', 'spam 3']);
  });
});
