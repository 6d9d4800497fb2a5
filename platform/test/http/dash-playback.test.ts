import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Reel, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { refusal } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';
import { readHls } from '../support/hls-reader.js';

const run = promisify(execFile);

let harness: Harness;
let sdk: Reel;
let publicVideo: Video;
let signedVideo: Video;
let key: { keyId: string; privateKey: string };
let foreignKey: { keyId: string; privateKey: string };

interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
}

/** What ffprobe, a DASH client of its own, finds behind an MPD URL. */
async function ffprobeMpd(url: string) {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', url],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as { streams: ProbedStream[]; format: { duration: string } };
}

const mpdUrl = (v: Video, query = '') =>
  `${harness.url}/v1/videos/${v.video_id}/manifest.mpd${query}`;

beforeAll(async () => {
  harness = await startHarness();
  sdk = (await harness.tenant()).sdk;
  const other = (await harness.tenant()).sdk;
  const created = await sdk.signingKeys.create();
  key = { keyId: created.key_id, privateKey: created.private_key };
  const foreign = await other.signingKeys.create();
  foreignKey = { keyId: foreign.key_id, privateKey: foreign.private_key };
  const path = await clip('eight-seconds.mp4');
  const [a, b] = [
    await uploadFile(sdk, path),
    await uploadFile(sdk, path, { playbackPolicy: 'signed' }),
  ];
  publicVideo = await sdk.videos.waitUntilSettled(a.video_id, { intervalMs: 200 });
  signedVideo = await sdk.videos.waitUntilSettled(b.video_id, { intervalMs: 200 });
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('DASH from the HLS segments', () => {
  it('serves a public video as an MPD that ffprobe reads, every stream found', async () => {
    expect(publicVideo.status).toBe('ready');
    expect(publicVideo.playback?.dash_url).toBe(mpdUrl(publicVideo));
    const response = await contractFetch(mpdUrl(publicVideo));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/dash\+xml/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const mpd = await response.text();
    // The same objects HLS plays: no second copy of the media.
    expect(mpd).toContain('media="renditions/360p/segments/seg_$Number%05d$.m4s"');
    const probed = await ffprobeMpd(mpdUrl(publicVideo));
    const video = probed.streams.filter((s) => s.codec_type === 'video');
    expect(video.map((s) => [s.codec_name, s.height]).sort()).toEqual([
      ['h264', 240],
      ['h264', 360],
    ]);
    expect(probed.streams.filter((s) => s.codec_type === 'audio').map((s) => s.codec_name)).toEqual(
      ['aac'],
    );
    expect(Number(probed.format.duration)).toBeCloseTo(8, 0);
  });

  it('answers 304 to a repeat with the ETag', async () => {
    const first = await contractFetch(mpdUrl(publicVideo));
    const etag = first.headers.get('etag') ?? '';
    const again = await contractFetch(mpdUrl(publicVideo), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('plays a signed video with a token, every segment URL signed', async () => {
    const token = await signPlaybackToken(key, { videoId: signedVideo.video_id, expiresIn: '10m' });
    const response = await contractFetch(mpdUrl(signedVideo, `?token=${token}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=30');
    const mpd = await response.text();
    const urls = [...mpd.matchAll(/(?:initialization|media)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBe(6);
    expect(urls.every((u) => /\?st=\d+\.0\.[\w-]{43}$/.test(u ?? ''))).toBe(true);
    const probed = await ffprobeMpd(mpdUrl(signedVideo, `?token=${token}`));
    expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video', 'video']);
  });

  it('lists caption tracks as WebVTT sidecars a client can fetch, signed like the segments', async () => {
    const track = await sdk.captions.create(signedVideo.video_id, {
      language: 'fr',
      label: 'Français',
      kind: 'subtitles',
      default: true,
      format: 'vtt',
      content: 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nBonjour\n',
    });
    const token = await signPlaybackToken(key, { videoId: signedVideo.video_id, expiresIn: '10m' });
    const url = mpdUrl(signedVideo, `?token=${token}`);
    const mpd = await (await contractFetch(url)).text();
    expect(mpd).toMatch(/<AdaptationSet [^>]*contentType="text" mimeType="text\/vtt" lang="fr"/);
    const base = /<BaseURL>([^<]+)<\/BaseURL>/.exec(mpd)?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(base).toContain(`captions/${track.caption_id}/track.vtt?st=`);
    const served = await contractFetch(new URL(base, url).href);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('Bonjour');
    // Without the st the same track is refused, as a segment would be.
    const bare = new URL(base, url);
    bare.search = '';
    expect((await contractFetch(bare.href)).status).toBe(401);
    await sdk.captions.delete(signedVideo.video_id, track.caption_id);
    const after = await (await contractFetch(url)).text();
    expect(after).not.toContain(track.caption_id);
  });

  it('keeps only the renditions a capped token allows', async () => {
    const token = await signPlaybackToken(key, {
      videoId: signedVideo.video_id,
      maxResolution: '240p',
    });
    const mpd = await (await contractFetch(mpdUrl(signedVideo, `?token=${token}`))).text();
    expect([...mpd.matchAll(/<Representation id="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '240p',
      'audio',
    ]);
  });

  it('refuses a signed video without a token, with a forged or another tenant’s token', async () => {
    expect(await refusal(await contractFetch(mpdUrl(signedVideo)))).toEqual({
      status: 401,
      code: 'playback_token_required',
    });
    const foreign = await signPlaybackToken(foreignKey, { videoId: signedVideo.video_id });
    expect(await refusal(await contractFetch(mpdUrl(signedVideo, `?token=${foreign}`)))).toEqual({
      status: 401,
      code: 'invalid_playback_token',
    });
    const token = await signPlaybackToken(key, { videoId: signedVideo.video_id });
    const forged = `${token.slice(0, -4)}AAAA`;
    expect(await refusal(await contractFetch(mpdUrl(signedVideo, `?token=${forged}`)))).toEqual({
      status: 401,
      code: 'invalid_playback_token',
    });
    // A token for the public video opens nothing of the signed one.
    const wrong = await signPlaybackToken(key, { videoId: publicVideo.video_id });
    expect(await refusal(await contractFetch(mpdUrl(signedVideo, `?token=${wrong}`)))).toEqual({
      status: 403,
      code: 'playback_token_wrong_video',
    });
    const segment = `${harness.url}/v1/videos/${signedVideo.video_id}/renditions/240p/segments/init.mp4`;
    expect((await contractFetch(segment)).status).toBe(401);
  });

  it('lists the sound as an audio-only HLS variant too, for listen-only clients', async () => {
    const hls = await readHls(`${harness.url}/v1/videos/${publicVideo.video_id}/manifest.m3u8`);
    expect(hls.variants.map((v) => v.height)).toEqual([240, 360]);
    expect(hls.audioOnlyVariants.map((v) => v.codecs)).toEqual(['mp4a.40.2']);
    const playlist = await contractFetch(hls.audioOnlyVariants[0]?.uri ?? '');
    expect(await playlist.text()).toContain('segments/seg_00001.m4s');
  });

  it('answers 404 for an unknown video and 400 for an id that is not one', async () => {
    const unknown = await contractFetch(
      `${harness.url}/v1/videos/00000000-0000-4000-8000-000000000000/manifest.mpd`,
    );
    expect(unknown.status).toBe(404);
    const garbage = await contractFetch(`${harness.url}/v1/videos/%00%27x/manifest.mpd`);
    expect(garbage.status).toBe(400);
  });
});
