import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Reel, Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClipName, clip } from '../support/clips.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { readHls } from '../support/hls-reader.js';

const run = promisify(execFile);

/**
 * The main job end to end, as one suite any mode runs: the embedded defaults
 * (e2e/upload-to-playback.test.ts) and the services (services/upload-to-playback.test.ts),
 * where the harness reads `.reel/services.env`.
 */
export function uploadToPlaybackCases() {
  let harness: Harness;
  let sdk: Reel;

  beforeAll(async () => {
    harness = await startHarness();
    sdk = (await harness.tenant()).sdk;
  });
  afterAll(async () => {
    await harness?.stop();
    expect(violations).toEqual([]);
  });

  async function uploadAndWait(name: ClipName): Promise<Video> {
    const video = await uploadFile(sdk, await clip(name), { title: name });
    expect(video.status).toBe('processing');
    return sdk.videos.waitUntilSettled(video.video_id, { timeoutMs: 90_000, intervalMs: 250 });
  }

  describe('upload → HLS ladder → playback', () => {
    it('publishes a landscape clip with audio as an fMP4 ladder a player can read', async () => {
      const video = await uploadAndWait('landscape.mp4');
      expect(video).toMatchObject({
        status: 'ready',
        width: 1280,
        height: 720,
        has_audio: true,
        error: null,
      });
      expect(video.duration_sec).toBeCloseTo(5, 0);
      expect(video.renditions.map((r) => r.rendition_id)).toEqual(['240p', '360p', '480p', '720p']);
      expect(video.published_at).not.toBeNull();

      const hls = await readHls(video.playback?.manifest_url ?? '');
      expect(hls.contentType).toContain('application/vnd.apple.mpegurl');
      expect(hls.master).toMatch(/#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_aud"/);
      expect(hls.audioUrl).toBeDefined();
      expect(hls.variants.map((v) => `${v.width}x${v.height}`)).toEqual([
        '426x240',
        '640x360',
        '854x480',
        '1280x720',
      ]);
      for (const v of hls.variants) {
        expect(v.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
        expect(v.bandwidth).toBeGreaterThan(100_000);
        expect(v.initBox).toBe('ftyp');
        expect(v.firstSegmentBoxes).toContain('moof');
        expect(v.durationSec).toBeCloseTo(5, 0);
        // A one-second first segment, so each rendition has one soon and the video plays early.
        expect(v.segmentSeconds[0]).toBeCloseTo(1, 1);
        for (const s of v.segmentSeconds.slice(1, -1)) expect(s).toBeGreaterThanOrEqual(2);
        for (const s of v.segmentSeconds) expect(s).toBeLessThanOrEqual(4.1);
      }
      // Bandwidth grows with the rendition, so players can climb the ladder.
      const bandwidths = hls.variants.map((v) => v.bandwidth);
      expect([...bandwidths].sort((a, b) => a - b)).toEqual(bandwidths);

      // ffprobe, a real HLS client, opens the master over HTTP.
      const { stdout } = await run('ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type,width,height',
        '-of',
        'json',
        video.playback?.manifest_url ?? '',
      ]);
      const streams = (JSON.parse(stdout) as { streams: { codec_type: string; height?: number }[] })
        .streams;
      expect(streams.some((s) => s.codec_type === 'video' && s.height === 720)).toBe(true);
      expect(streams.some((s) => s.codec_type === 'audio')).toBe(true);
    });

    it('publishes a silent clip with no audio group', async () => {
      const video = await uploadAndWait('silent.mp4');
      expect(video).toMatchObject({ status: 'ready', has_audio: false });
      const hls = await readHls(video.playback?.manifest_url ?? '');
      expect(hls.audioUrl).toBeUndefined();
      expect(hls.variants.map((v) => v.height)).toEqual([240, 360]);
      for (const v of hls.variants) expect(v.codecs).toMatch(/^avc1\.[0-9a-f]{6}$/);
    });

    it('honours a phone clip rotation: portrait ladder, never upscaled', async () => {
      const video = await uploadAndWait('phone-portrait.mov');
      expect(video).toMatchObject({ status: 'ready', width: 360, height: 640 });
      const hls = await readHls(video.playback?.manifest_url ?? '');
      expect(hls.variants.map((v) => `${v.width}x${v.height}`)).toEqual(['240x426', '360x640']);
    });

    it('keeps even dimensions for an odd-sized editor export in Matroska', async () => {
      const video = await uploadAndWait('odd-size.mkv');
      expect(video.status).toBe('ready');
      const hls = await readHls(video.playback?.manifest_url ?? '');
      expect(hls.variants.map((v) => `${v.width}x${v.height}`)).toEqual(['322x240']);
    });

    it('gives a source below the lowest rung one rendition at its own size', async () => {
      const video = await uploadAndWait('tiny.mp4');
      expect(video.status).toBe('ready');
      expect(video.renditions.map((r) => `${r.rendition_id} ${r.width}x${r.height}`)).toEqual([
        '144p 176x144',
      ]);
    });

    it('transcodes a browser recording (VP9 + Opus in WebM)', async () => {
      const video = await uploadAndWait('browser.webm');
      expect(video).toMatchObject({ status: 'ready', has_audio: true });
      const hls = await readHls(video.playback?.manifest_url ?? '');
      expect(hls.variants[0]?.codecs).toMatch(/mp4a\.40\.2/);
    });

    it('serves thumbnails, a storyboard sprite and its WebVTT map', async () => {
      const [video] = await sdk.videos.list({ status: 'ready', limit: 1 }).all();
      const base = video?.playback?.manifest_url.replace('/manifest.m3u8', '') ?? '';
      for (const size of ['small', 'medium', 'large']) {
        const response = await fetch(`${base}/thumbnails/${size}`);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      }
      const vtt = await (await fetch(`${base}/storyboard.vtt`)).text();
      expect(vtt).toMatch(
        /^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.000\nstoryboard\.jpg#xywh=0,0,160,\d+/,
      );
      const sprite = await fetch(`${base}/storyboard.jpg`);
      expect(sprite.status).toBe(200);
    });
  });

  describe('inputs that must fail cleanly', () => {
    const cases: [ClipName, string][] = [
      ['garbage.mp4', 'unreadable_media'],
      ['playlist.mp4', 'unreadable_media'],
      ['audio-only.m4a', 'no_video_stream'],
      ['pixel-bomb.mov', 'too_many_pixels'],
      ['truncated.mp4', 'unreadable_media'],
    ];
    for (const [name, code] of cases) {
      it(`${name} fails with ${code} and never plays`, async () => {
        const video = await uploadAndWait(name);
        expect(video.status).toBe('failed');
        expect(video.error?.code).toBe(code);
        expect(video.error?.message.length).toBeGreaterThan(10);
        expect(video.playback).toBeNull();
        const manifest = await fetch(`${harness.url}/v1/videos/${video.video_id}/manifest.m3u8`);
        expect(manifest.status).toBe(409);
        expect(await manifest.json()).toMatchObject({ code: 'video_not_ready' });
      });
    }
  });
}
