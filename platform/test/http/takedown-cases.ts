import { randomUUID } from 'node:crypto';
import {
  type Reel,
  ReelError,
  ReelViewer,
  signPlaybackToken,
  signViewerToken,
  type Video,
} from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playlistUris } from '../../src/domain/hls-playlists.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { startReceiver } from '../support/webhook-receiver.js';

/** What the issue promises: every playback route refuses a video taken down within this. */
const TAKEDOWN_BOUND_MS = 5_000;

/**
 * Takedown and restore over HTTP, in either mode (embedded, or the services suite): every
 * playback route and every URL a player already holds answers 451, the video leaves search and
 * playlists, and restore brings it all back.
 */
export function takedownCases() {
  let harness: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let tenant: Awaited<ReturnType<Harness['tenant']>>;
  const measured: number[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    harness = await startHarness({ env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true' } });
    tenant = await harness.tenant();
    await tenant.sdk.webhookEndpoints.create({
      url: receiver.url,
      event_types: ['video.taken_down', 'video.restored'],
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await receiver?.close();
    if (measured.length > 0) {
      console.log(`takedown reached every issued URL in ${Math.max(...measured)} ms at most`);
    }
    expect(violations).toEqual([]);
  });

  async function readyVideo(sdk: Reel, options: { title: string; playbackPolicy?: 'signed' }) {
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'), options);
    const video = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect(video.status).toBe('ready');
    return video;
  }

  /** Every playback URL a player holds once playing: `query` is empty or `token=…`. */
  async function playbackUrls(video: Video, query: string) {
    const base = `${harness.url}/v1/videos/${video.video_id}`;
    const suffix = query ? `?${query}` : '';
    const master = `${base}/manifest.m3u8${suffix}`;
    const media = new URL(playlistUris(await (await contractFetch(master)).text())[0] ?? '', master)
      .href;
    const [init, segment] = playlistUris(await (await contractFetch(media)).text());
    const vtt = await (await contractFetch(`${base}/storyboard.vtt${suffix}`)).text();
    const sprite = /(storyboard\.jpg[^#\s]*)/.exec(vtt)?.[1] ?? '';
    const thumbnails = ['small', 'medium', 'large'].map((size) => `${base}/thumbnails/${size}`);
    return [
      master,
      media,
      new URL(init ?? '', media).href,
      new URL(segment ?? '', media).href,
      `${base}/storyboard.vtt${suffix}`,
      `${base}/${sprite}`,
      ...thumbnails.map((url) => `${url}${suffix}`),
    ];
  }

  const statuses = async (urls: string[]) =>
    Promise.all(urls.map(async (url) => (await contractFetch(url)).status));

  /** Waits until every URL answers 451 `taken_down`; how long after `since` that was seen. */
  async function refusedAfter(urls: string[], since: number) {
    const elapsed = await until(
      'every playback URL to answer 451',
      async () => {
        const answers = await Promise.all(urls.map((url) => contractFetch(url)));
        if (!answers.every((answer) => answer.status === 451)) return undefined;
        for (const answer of answers) {
          expect(await answer.json()).toMatchObject({
            code: 'taken_down',
            details: { reason: 'copyright' },
          });
        }
        return Date.now() - since;
      },
      TAKEDOWN_BOUND_MS * 2,
    );
    measured.push(elapsed);
    return elapsed;
  }

  const searchIds = async (word: string) => {
    const answer = await contractFetch(`${harness.url}/v1/search?q=${word}`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    return ((await answer.json()) as { data: { video_id: string }[] }).data.map((v) => v.video_id);
  };

  describe('POST /v1/videos/{id}/takedown', () => {
    it('refuses every playback route of a public video within 5 s, and restore brings it back', async () => {
      const word = `takedown${randomUUID().slice(0, 8)}`;
      const video = await readyVideo(tenant.sdk, { title: `A ${word} clip` });
      const urls = await playbackUrls(video, '');
      expect(await statuses(urls)).toEqual(urls.map(() => 200));
      await until('the video to be searchable', async () =>
        (await searchIds(word)).includes(video.video_id),
      );

      const takenDown = await tenant.sdk.videos.takedown(video.video_id, {
        reason: 'copyright',
        notice: 'DMCA-2026-0042',
      });
      const since = Date.now();
      expect(takenDown).toMatchObject({
        status: 'taken_down',
        playback: null,
        takedown: { reason: 'copyright', notice: 'DMCA-2026-0042' },
      });
      expect(await refusedAfter(urls, since)).toBeLessThanOrEqual(TAKEDOWN_BOUND_MS);
      // Anyone reading the metadata is told why; the tenant sees the whole record.
      const anonymous = await contractFetch(`${harness.url}/v1/videos/${video.video_id}`);
      expect(anonymous.status).toBe(451);
      expect(await anonymous.json()).toMatchObject({
        code: 'taken_down',
        details: { reason: 'copyright' },
      });
      expect((await tenant.sdk.videos.get(video.video_id)).takedown?.reason).toBe('copyright');
      await until(
        'the video to leave search',
        async () => !(await searchIds(word)).includes(video.video_id),
      );

      const restored = await tenant.sdk.videos.restore(video.video_id);
      expect(restored).toMatchObject({ status: 'ready', takedown: null });
      expect(restored.playback).not.toBeNull();
      await until('every URL to play again', async () =>
        (await statuses(urls)).every((status) => status === 200),
      );
      await until('the video to be searchable again', async () =>
        (await searchIds(word)).includes(video.video_id),
      );
    });

    it('ends the st URLs already issued for a signed video, and a fresh token too', async () => {
      const video = await readyVideo(tenant.sdk, { title: 'Signed', playbackPolicy: 'signed' });
      const key = await tenant.sdk.signingKeys.create();
      const signer = { keyId: key.key_id, privateKey: key.private_key };
      const token = await signPlaybackToken(signer, {
        videoId: video.video_id,
        audience: ['v', 't', 's'],
      });
      const urls = await playbackUrls(video, `token=${token}`);
      expect(await statuses(urls)).toEqual(urls.map(() => 200));

      await tenant.sdk.videos.takedown(video.video_id, { reason: 'copyright' });
      expect(await refusedAfter(urls, Date.now())).toBeLessThanOrEqual(TAKEDOWN_BOUND_MS);
      const fresh = await signPlaybackToken(signer, { videoId: video.video_id });
      const master = `${harness.url}/v1/videos/${video.video_id}/manifest.m3u8?token=${fresh}`;
      expect((await contractFetch(master)).status).toBe(451);

      await tenant.sdk.videos.restore(video.video_id);
      await until('the issued URLs to play again', async () =>
        (await statuses(urls)).every((status) => status === 200),
      );
    });

    it('takes the video out of playlists and sends video.taken_down and video.restored', async () => {
      const video = await readyVideo(tenant.sdk, { title: 'In a playlist' });
      const key = await tenant.sdk.signingKeys.create();
      const viewerToken = await signViewerToken(
        { keyId: key.key_id, privateKey: key.private_key },
        { viewerId: `viewer-${randomUUID().slice(0, 8)}` },
      );
      const viewer = new ReelViewer({ viewerToken, baseUrl: harness.url, fetch: contractFetch });
      const playlist = await viewer.playlists.create({ title: 'Mine', visibility: 'public' });
      await viewer.playlists.add(playlist.playlist_id, video.video_id);
      const listed = async () =>
        (await viewer.playlists.items(playlist.playlist_id).all()).map((item) => item.video_id);
      expect(await listed()).toEqual([video.video_id]);

      await tenant.sdk.videos.takedown(video.video_id, { reason: 'violent', notice: 'Report 7' });
      expect(await listed()).toEqual([]);
      await tenant.sdk.videos.restore(video.video_id);
      expect(await listed()).toEqual([video.video_id]);

      const events = await until('both webhooks', () => {
        const mine = receiver.received
          .map((r) => JSON.parse(r.body) as { type: string; data: { video: Video } })
          .filter((event) => event.data.video.video_id === video.video_id);
        return mine.length >= 2 ? mine : undefined;
      });
      expect(events.map((event) => event.type).sort()).toEqual([
        'video.restored',
        'video.taken_down',
      ]);
    });

    it('changes nothing when repeated, and restore leaves a live video alone', async () => {
      const video = await readyVideo(tenant.sdk, { title: 'Twice' });
      const first = await tenant.sdk.videos.takedown(video.video_id, { reason: 'spam' });
      const again = await tenant.sdk.videos.takedown(video.video_id, { reason: 'legal' });
      expect(again.takedown).toEqual(first.takedown);
      await tenant.sdk.videos.restore(video.video_id);
      const twice = await tenant.sdk.videos.restore(video.video_id);
      expect(twice).toMatchObject({ status: 'ready', takedown: null });
    });

    it('gives a transcoded video its status back on restore', async () => {
      const uploaded = await uploadFile(tenant.sdk, await clip('tiny.mp4'), { autoPublish: false });
      const video = await tenant.sdk.videos.waitUntilSettled(uploaded.video_id, {
        intervalMs: 200,
      });
      expect(video.status).toBe('transcoded');
      await tenant.sdk.videos.takedown(video.video_id, { reason: 'privacy' });
      expect((await tenant.sdk.videos.restore(video.video_id)).status).toBe('transcoded');
    });

    it('refuses bad input with a clear error and changes nothing', async () => {
      const video = await readyVideo(tenant.sdk, { title: 'Probed' });
      const post = (body: unknown, videoId = video.video_id, key = tenant.apiKey) =>
        contractFetch(`${harness.url}/v1/videos/${videoId}/takedown`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      for (const body of [
        {},
        { reason: 'because' },
        { reason: 'copyright', notice: '' },
        { reason: 'copyright', notice: 'x'.repeat(2001) },
        { reason: 'copyright', extra: true },
        { reason: 1e308 },
      ]) {
        const answer = await post(body);
        expect({ body, status: answer.status }).toEqual({ body, status: 400 });
        expect(await answer.json()).toMatchObject({ code: 'invalid_request' });
      }
      const nul = await post({ reason: 'copyright', notice: 'a\u0000b' });
      expect(nul.status).toBe(400);
      expect((await post({ reason: 'copyright' }, 'not-a-uuid')).status).toBe(400);
      expect((await post({ reason: 'copyright' }, randomUUID())).status).toBe(404);
      const other = await harness.tenant();
      expect((await post({ reason: 'copyright' }, video.video_id, other.apiKey)).status).toBe(404);
      expect((await tenant.sdk.videos.get(video.video_id)).status).toBe('ready');

      const waiting = await tenant.sdk.uploads.create({
        filename: 'x.mp4',
        size_bytes: 6_000_000,
        mime: 'video/mp4',
        sha256: 'a'.repeat(64),
      });
      const refused = await tenant.sdk.videos
        .takedown(waiting.video_id, { reason: 'copyright' })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ReelError);
      expect(refused).toMatchObject({ status: 409, code: 'invalid_video_status' });
    });
  });
}
