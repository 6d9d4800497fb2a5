import { randomBytes } from 'node:crypto';
import { type Reel, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncViewCounts } from '../../src/app/views/sync-view-counts.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Views over HTTP, in any mode: counted through `events.views` by the views role, then sent to
 * the search index (Postgres reads the column; OpenSearch gets the counts in batches).
 */
export function viewCountCases() {
  let harness: Harness;
  let sdk: Reel;
  let apiKey: string;
  const word = `views${randomBytes(4).toString('hex')}`;
  let popular: Video;
  let quiet: Video;
  let signed: Video;

  const view = (videoId: string, userAgent: string, token?: string) =>
    contractFetch(
      `${harness.url}/v1/videos/${videoId}/views${token ? `?token=${encodeURIComponent(token)}` : ''}`,
      { method: 'POST', headers: { 'user-agent': userAgent } },
    );
  const counted = async (response: Response) => {
    expect(response.status).toBe(202);
    return ((await response.json()) as { counted: boolean }).counted;
  };
  const refusal = async (response: Response) => ({
    status: response.status,
    code: ((await response.json()) as { code: string }).code,
  });

  beforeAll(async () => {
    // Counts show once a video's cache entry refreshes: a short entry keeps this test short.
    harness = await startHarness({ env: { REEL_VIDEO_CACHE_TTL_SEC: '3' } });
    const tenant = await harness.tenant();
    sdk = tenant.sdk;
    apiKey = tenant.apiKey;
    const made = await Promise.all([
      uploadFile(sdk, await clip('tiny.mp4'), { title: `${word} popular` }),
      uploadFile(sdk, await clip('tiny.mp4'), { title: `${word} quiet` }),
      uploadFile(sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' }),
    ]);
    [popular, quiet, signed] = (await Promise.all(
      made.map((m) => sdk.videos.waitUntilSettled(m.video_id, { intervalMs: 200 })),
    )) as [Video, Video, Video];
  });
  afterAll(async () => {
    await harness?.stop();
    expect(violations).toEqual([]);
  });

  describe('counting views', () => {
    it('counts a viewer once per half hour; another browser counts again', async () => {
      expect(popular.view_count).toBe(0);
      expect(await counted(await view(popular.video_id, 'browser A'))).toBe(true);
      expect(await counted(await view(popular.video_id, 'browser A'))).toBe(false);
      expect(await counted(await view(popular.video_id, 'browser B'))).toBe(true);
      expect(await counted(await view(quiet.video_id, 'browser A'))).toBe(true);
      // Video reads are cached (3 s here): the count shows once that entry refreshes, so a
      // counted view never invalidates a popular video's cache.
      await expect
        .poll(async () => (await sdk.videos.get(popular.video_id)).view_count, {
          timeout: 30_000,
          interval: 1000,
        })
        .toBe(2);
    });

    it('orders search by views with sort=most_viewed', async () => {
      // Counted by the views role, then sent to the index: both trail the request a little.
      const ranked = async () => {
        await syncViewCounts(harness.reel.ctx);
        const response = await contractFetch(
          `${harness.url}/v1/search?q=${word}&sort=most_viewed`,
          {
            headers: { authorization: `Bearer ${apiKey}` },
          },
        );
        const body = (await response.json()) as {
          data: { video_id: string; view_count: number }[];
        };
        return body.data.map((v) => [v.video_id, v.view_count]);
      };
      await expect.poll(ranked, { timeout: 15_000 }).toEqual([
        [popular.video_id, 2],
        [quiet.video_id, 1],
      ]);
    });

    it('needs a playback token for a signed video, and counts with one', async () => {
      expect(await refusal(await view(signed.video_id, 'browser A'))).toEqual({
        status: 401,
        code: 'playback_token_required',
      });
      const created = await sdk.signingKeys.create();
      const token = await signPlaybackToken(
        { keyId: created.key_id, privateKey: created.private_key },
        { videoId: signed.video_id, expiresIn: '5m' },
      );
      expect(await counted(await view(signed.video_id, 'browser A', token))).toBe(true);
    });

    it('refuses what cannot be watched: unknown, private and not-ready videos', async () => {
      const waiting = await sdk.uploads.create({
        filename: 'w.mp4',
        size_bytes: 10,
        mime: 'video/mp4',
      });
      expect(await refusal(await view(waiting.video_id, 'browser A'))).toEqual({
        status: 409,
        code: 'video_not_ready',
      });
      expect((await view('00000000-0000-4000-8000-000000000000', 'browser A')).status).toBe(404);
      await sdk.videos.update(quiet.video_id, { visibility: 'private' });
      expect((await view(quiet.video_id, 'browser C')).status).toBe(404);
      expect((await view('not-a-uuid', 'browser A')).status).toBe(400);
    });
  });
}
