import { Reel, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let sdk: Reel;
let other: Reel;
let ready: Video;
let segmentUrl: string;

beforeAll(async () => {
  harness = await startHarness();
  sdk = (await harness.tenant()).sdk;
  other = (await harness.tenant()).sdk;
  const uploaded = await uploadFile(sdk, await clip('silent.mp4'), { title: 'First' });
  ready = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
  const media = await (
    await fetch(
      ready.playback?.manifest_url.replace('manifest.m3u8', 'renditions/360p/index.m3u8') ?? '',
    )
  ).text();
  segmentUrl = new URL(
    media.split('\n').find((l) => l.endsWith('.m4s')) ?? '',
    ready.playback?.manifest_url.replace('manifest.m3u8', 'renditions/360p/index.m3u8'),
  ).href;
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('playback over HTTP', () => {
  it('serves segments with Range, ETag, long caching and CORS', async () => {
    const whole = await contractFetch(segmentUrl, {
      headers: { origin: 'https://viewer.example' },
    });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/iso.segment');
    expect(whole.headers.get('cache-control')).toContain('immutable');
    expect(whole.headers.get('access-control-allow-origin')).toBe('*');
    expect(whole.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const bytes = new Uint8Array(await whole.arrayBuffer());
    const etag = whole.headers.get('etag') ?? '';

    const part = await contractFetch(segmentUrl, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(10, 20));

    const unchanged = await contractFetch(segmentUrl, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);

    const beyond = await contractFetch(segmentUrl, {
      headers: { range: `bytes=${bytes.length + 10}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('answers a CORS preflight from any origin', async () => {
    const response = await fetch(ready.playback?.manifest_url ?? '', {
      method: 'OPTIONS',
      headers: { origin: 'https://viewer.example', 'access-control-request-method': 'GET' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keeps playlists short-lived', async () => {
    const response = await contractFetch(ready.playback?.manifest_url ?? '');
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
  });

  it('refuses unknown ids, unknown renditions and hostile segment names', async () => {
    const base = `${harness.url}/v1/videos/${ready.video_id}`;
    expect(
      (
        await contractFetch(
          `${harness.url}/v1/videos/00000000-0000-4000-8000-000000000000/manifest.m3u8`,
        )
      ).status,
    ).toBe(404);
    expect((await contractFetch(`${base}/renditions/1080p/index.m3u8`)).status).toBe(404);
    expect(
      (await contractFetch(`${base}/renditions/360p/segments/..%2F..%2Fmaster.m3u8`)).status,
    ).toBe(400);
    expect((await contractFetch(`${base}/renditions/..%2F..%2Fthumbs/index.m3u8`)).status).toBe(
      400,
    );
  });

  it('stops playing a video made private', async () => {
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
    const video = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    await sdk.videos.update(video.video_id, { visibility: 'private' });
    await new Promise((resolve) => setTimeout(resolve, 5200)); // the playback lookup cache lapses
    expect((await contractFetch(video.playback?.manifest_url ?? '')).status).toBe(404);
  });
});

describe('videos', () => {
  it('updates metadata and reports it back', async () => {
    const updated = await sdk.videos.update(ready.video_id, {
      title: 'Renamed',
      description: 'About the clip',
      tags: ['demo', 'test'],
      category: 'education',
      language: 'pt-BR',
    });
    expect(updated).toMatchObject({
      title: 'Renamed',
      tags: ['demo', 'test'],
      language: 'pt-BR',
      status: 'ready',
    });
    expect(
      (await failure(sdk.videos.update(ready.video_id, { language: 'not a language' }))).status,
    ).toBe(400);
    expect((await failure(sdk.videos.update(ready.video_id, {}))).status).toBe(400);
  });

  it('reads a cached video again and again, and shows a change on the next read', async () => {
    const first = await sdk.videos.get(ready.video_id);
    expect(await sdk.videos.get(ready.video_id)).toEqual(first);
    await sdk.videos.update(ready.video_id, { title: 'Read again' });
    expect((await sdk.videos.get(ready.video_id)).title).toBe('Read again');
  });

  it('refuses a revoked key on its very next read, though the read was cached', async () => {
    const created = await sdk.apiKeys.create({ name: 'reader', scope: 'read_only' });
    const reader = new Reel({
      apiKey: created.key,
      baseUrl: harness.url,
      fetch: contractFetch,
      maxRetries: 0,
    });
    for (let i = 0; i < 3; i++)
      expect((await reader.videos.get(ready.video_id)).video_id).toBe(ready.video_id);
    await sdk.apiKeys.revoke(created.key_id);
    const refused = await failure(reader.videos.get(ready.video_id));
    expect(refused.status).toBe(401);
    expect(refused.code).toBe('unauthorized');
    // Another key of the same tenant reads on.
    expect((await sdk.videos.get(ready.video_id)).video_id).toBe(ready.video_id);
  });

  it('lists newest first with an opaque cursor and refuses a forged one', async () => {
    const pages: string[][] = [];
    for (let i = 0; i < 3; i++) {
      await sdk.uploads.create({
        filename: `p${i}.mp4`,
        size_bytes: 6_000_000,
        mime: 'video/mp4',
        sha256: 'e'.repeat(64),
      });
    }
    for await (const page of sdk.videos.list({ limit: 2 }).pages())
      pages.push(page.map((v) => v.title));
    expect(pages.flat().slice(0, 3)).toEqual(['p2.mp4', 'p1.mp4', 'p0.mp4']);
    expect(pages.every((p) => p.length <= 2)).toBe(true);
    expect(pages.flat()).toHaveLength(5);
    const forged = await contractFetch(`${harness.url}/v1/videos?cursor=bm9wZQ`, {
      headers: { authorization: `Bearer ${(sdk.client.getConfig().auth as string) ?? ''}` },
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ code: 'invalid_cursor' });
  });

  it('filters by status', async () => {
    const waiting = await sdk.videos.list({ status: 'waiting_for_upload' }).all();
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((v) => v.status === 'waiting_for_upload')).toBe(true);
  });

  it('waits at transcoded until published when auto_publish is off', async () => {
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'), { autoPublish: false });
    const transcoded = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect(transcoded.status).toBe('transcoded');
    expect(
      (await contractFetch(`${harness.url}/v1/videos/${transcoded.video_id}/manifest.m3u8`)).status,
    ).toBe(409);
    const published = await sdk.videos.publish(transcoded.video_id);
    expect(published.status).toBe('ready');
    expect((await sdk.videos.publish(transcoded.video_id)).status).toBe('ready');
    const events = await harness.reel.ctx.database.pool.query(
      `select count(*)::int as n from outbox where topic = 'video.published' and key = $1`,
      [transcoded.video_id],
    );
    expect(events.rows[0].n).toBe(1);
  });

  it('refuses to publish a video still waiting for its upload', async () => {
    const upload = await sdk.uploads.create({
      filename: 'w.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'f'.repeat(64),
    });
    const error = await failure(sdk.videos.publish(upload.video_id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('video_not_transcoded');
  });

  it("walls off another tenant's videos: 404 and unchanged", async () => {
    expect((await failure(other.videos.get(ready.video_id))).status).toBe(404);
    expect((await failure(other.videos.update(ready.video_id, { title: 'Stolen' }))).status).toBe(
      404,
    );
    expect((await failure(other.videos.publish(ready.video_id))).status).toBe(404);
    expect((await failure(other.videos.delete(ready.video_id))).status).toBe(404);
    expect((await other.videos.list().all()).map((v) => v.video_id)).not.toContain(ready.video_id);
    expect((await sdk.videos.get(ready.video_id)).title).not.toBe('Stolen');
  });

  it('deletes: 404 after, and the media leaves the store', async () => {
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
    const video = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    await sdk.videos.delete(video.video_id);
    expect((await failure(sdk.videos.get(video.video_id))).status).toBe(404);
    expect((await failure(sdk.videos.delete(video.video_id))).status).toBe(404);
    const store = harness.reel.ctx.store;
    for (let i = 0; i < 50 && (await store.head(`manifests/${video.video_id}/master.m3u8`)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await store.head(`manifests/${video.video_id}/master.m3u8`)).toBeNull();
  });
});
