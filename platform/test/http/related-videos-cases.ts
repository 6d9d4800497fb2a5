import { randomUUID } from 'node:crypto';
import { ReelViewer, signViewerToken, type Video } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexVideo } from '../../src/app/search/index-video.js';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { call } from './likes-and-comments-world.js';

type VideoRow = typeof videos.$inferInsert;

/**
 * `GET /v1/videos/{id}/related` over HTTP, in any mode: videos are written as rows and indexed
 * as a `video.published` would have them (OpenSearch then needs its refresh to see them).
 */
export function relatedVideosCases() {
  let harness: Harness;
  let owner: Awaited<ReturnType<typeof tenantWorld>>;
  let stranger: Awaited<ReturnType<typeof tenantWorld>>;

  /** A tenant, a viewer of it, and videos written straight to Postgres, then indexed. */
  async function tenantWorld() {
    const tenant = await harness.tenant();
    const key = await tenant.sdk.signingKeys.create();
    const token = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { viewerId: 'related-viewer' },
    );
    const viewer = new ReelViewer({
      viewerToken: token,
      baseUrl: harness.url,
      fetch: contractFetch,
      maxRetries: 0,
    });
    const channel = async () =>
      (
        await tenant.sdk.channels.create({
          handle: `rel_${randomUUID().slice(0, 8)}`,
          title: 'Related channel',
        })
      ).channel_id;
    const insert = async (values: Partial<VideoRow> = {}) => {
      const id = randomUUID();
      await harness.reel.ctx.database.db.insert(videos).values({
        id,
        tenantId: tenant.tenantId,
        status: 'ready',
        title: 'a video',
        originalKey: `raw-uploads/${id}/original`,
        publishedAt: new Date(),
        ...values,
      });
      await indexVideo(harness.reel.ctx, id);
      return id;
    };
    return { ...tenant, token, viewer, channel, insert };
  }

  /** Waits until the index lists `count` videos related to `videoId` for the tenant. */
  const indexed = (videoId: string, count: number) =>
    until(
      `${count} videos related to ${videoId}`,
      async () => (await owner.sdk.videos.related(videoId).all()).length === count,
      15_000,
    );

  const ids = (list: Video[]) => list.map((v) => v.video_id);

  async function read(path: string, token?: string) {
    const response = await call(harness, 'GET', path, { token });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    harness = await startHarness({ roles: [] });
    owner = await tenantWorld();
    stranger = await tenantWorld();
  });
  afterAll(async () => {
    await harness?.stop();
    expect(violations).toEqual([]);
  });

  describe('GET /v1/videos/{id}/related', () => {
    it('ranks the same channel and shared tags first, and never lists the video itself', async () => {
      const channel = await owner.channel();
      const other = await owner.channel();
      const source = await owner.insert({
        title: 'Kayak rolling drills',
        tags: ['kayak', 'paddling'],
        channelId: channel,
      });
      const sameChannel = await owner.insert({
        title: 'Kayak rescue',
        tags: ['kayak'],
        channelId: channel,
      });
      const sharedTags = await owner.insert({
        title: 'River kayak trip',
        tags: ['kayak'],
        channelId: other,
      });
      const titleWord = await owner.insert({ title: 'Drills for canoes' });
      await owner.insert({ title: 'Bread baking', tags: ['bread'], channelId: other });
      await stranger.insert({ title: 'Kayak rolling drills', tags: ['kayak', 'paddling'] });
      await indexed(source, 3);

      expect(ids(await owner.viewer.related(source).all())).toEqual([
        sameChannel,
        sharedTags,
        titleWord,
      ]);
      expect(ids(await owner.sdk.videos.related(source).all())).toEqual([
        sameChannel,
        sharedTags,
        titleWord,
      ]);
      const anyone = await read(`/v1/videos/${source}/related`);
      expect(anyone.status).toBe(200);
      expect((anyone.body.data as Video[]).map((v) => v.video_id)).toEqual([
        sameChannel,
        sharedTags,
        titleWord,
      ]);
    });

    it('lists only what each caller may watch: never private, unlisted, unready or deleted videos', async () => {
      const channel = await owner.channel();
      const source = await owner.insert({ title: 'Lighthouse keeper', channelId: channel });
      const open = await owner.insert({ title: 'Lighthouse at night', channelId: channel });
      const signed = await owner.insert({
        title: 'Lighthouse lamp',
        channelId: channel,
        playbackPolicy: 'signed',
      });
      for (const values of [
        { visibility: 'private' as const },
        { visibility: 'unlisted' as const },
        { status: 'processing' as const, publishedAt: null },
        { deletedAt: new Date() },
      ]) {
        await owner.insert({ title: 'Lighthouse hidden', channelId: channel, ...values });
      }
      await indexed(source, 2);
      const both = new Set([open, signed]);
      expect(new Set(ids(await owner.viewer.related(source).all()))).toEqual(both);
      const tenantView = await owner.sdk.videos.related(source).all();
      expect(new Set(ids(tenantView))).toEqual(both);
      expect(tenantView[0]).toHaveProperty('auto_publish');
      const anyone = await read(`/v1/videos/${source}/related`);
      expect((anyone.body.data as Video[]).map((v) => v.video_id)).toEqual([open]);
      expect((await owner.viewer.related(source).all())[0]).not.toHaveProperty('auto_publish');
    });

    it('answers 404 for a source the caller may not read, like an unknown id', async () => {
      const hidden = await owner.insert({ title: 'Secret', visibility: 'private' });
      const unlisted = await owner.insert({ title: 'By link', visibility: 'unlisted' });
      const signed = await owner.insert({ title: 'Members', playbackPolicy: 'signed' });
      const gone = await owner.insert({ title: 'Gone', deletedAt: new Date() });
      const theirs = await stranger.insert({ title: 'Theirs' });
      const expectMissing = async (videoId: string, token?: string) => {
        const got = await read(`/v1/videos/${videoId}/related`, token);
        expect({ videoId, status: got.status, code: got.body.code }).toEqual({
          videoId,
          status: 404,
          code: 'not_found',
        });
      };
      for (const videoId of [hidden, signed, gone, randomUUID()]) await expectMissing(videoId);
      for (const videoId of [hidden, gone, theirs]) await expectMissing(videoId, owner.token);
      for (const videoId of [gone, theirs]) await expectMissing(videoId, owner.apiKey);
      // The tenant reads related videos of its own private video; anyone those of an unlisted one.
      expect((await read(`/v1/videos/${hidden}/related`, owner.apiKey)).status).toBe(200);
      expect((await read(`/v1/videos/${unlisted}/related`)).status).toBe(200);
      // With no credential a public video names its own tenant, and only its videos are related.
      await owner.insert({ title: 'Theirs too' });
      const anyone = await read(`/v1/videos/${theirs}/related`);
      expect(anyone.status).toBe(200);
      expect(anyone.body.data).toEqual([]);
      expect((await read(`/v1/videos/${signed}/related`, owner.token)).status).toBe(200);
      expect((await read('/v1/videos/not-a-uuid/related')).status).toBe(400);
    });

    it('pages without repeats and refuses forged cursors with invalid_cursor', async () => {
      const channel = await owner.channel();
      const source = await owner.insert({ title: 'Orchard', channelId: channel });
      const all = await Promise.all(
        Array.from({ length: 7 }, (_, i) =>
          owner.insert({ title: `Orchard ${i}`, channelId: channel }),
        ),
      );
      await indexed(source, all.length);
      const pages: string[][] = [];
      for await (const page of owner.viewer.related(source, { limit: 3 }).pages()) {
        pages.push(ids(page));
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat().sort()).toEqual([...all].sort());
      const forged = [
        'garbage',
        Buffer.from(JSON.stringify(['s1', 'related', 1, [1, 'x; drop table videos']])).toString(
          'base64url',
        ),
        Buffer.from(
          JSON.stringify(['s1', 'newest', 1, ['2026-01-01T00:00:00Z', randomUUID()]]),
        ).toString('base64url'),
        Buffer.from(JSON.stringify({ score: 1e308, vid: source })).toString('base64url'),
      ];
      for (const cursor of forged) {
        const got = await read(`/v1/videos/${source}/related?cursor=${cursor}`, owner.token);
        expect({ cursor, status: got.status, code: got.body.code }).toEqual({
          cursor,
          status: 400,
          code: 'invalid_cursor',
        });
      }
      expect((await read(`/v1/videos/${source}/related?limit=0`)).status).toBe(400);
      expect((await read(`/v1/videos/${source}/related?cursor=%00`)).status).toBe(400);
    });
  });
}
