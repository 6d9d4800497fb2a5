import { signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playlistUris } from '../../src/domain/hls-playlists.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let video: Video;
/** A valid st, to cut malformed ones from. */
let good: string;
/** Every signed route of the video, without credentials. */
let routes: { method: 'GET' | 'POST'; url: string }[];

beforeAll(async () => {
  harness = await startHarness();
  const { sdk } = await harness.tenant();
  const created = await sdk.signingKeys.create();
  const uploaded = await uploadFile(sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' });
  video = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
  const token = await signPlaybackToken(
    { keyId: created.key_id, privateKey: created.private_key },
    { videoId: video.video_id },
  );
  const base = `${harness.url}/v1/videos/${video.video_id}`;
  const master = await (await contractFetch(`${base}/manifest.m3u8?token=${token}`)).text();
  const mediaSigned = new URL(playlistUris(master)[0] ?? '', `${base}/`);
  good = mediaSigned.searchParams.get('st') ?? '';
  const [init, first] = playlistUris(await (await contractFetch(mediaSigned.href)).text());
  const bare = (uri: string | undefined) =>
    new URL((uri ?? '').split('?')[0] ?? '', mediaSigned).href;
  const media = bare(mediaSigned.pathname);
  routes = [
    { method: 'GET', url: `${base}/manifest.m3u8` },
    { method: 'POST', url: `${base}/views` },
    { method: 'GET', url: media },
    { method: 'GET', url: bare(init) },
    { method: 'GET', url: bare(first) },
    { method: 'GET', url: `${base}/thumbnails/small` },
    { method: 'GET', url: `${base}/storyboard.vtt` },
    { method: 'GET', url: `${base}/storyboard.jpg` },
  ];
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('a malformed st', () => {
  it('is refused with 403 {code, message} on every signed route', async () => {
    expect(good).toMatch(/^\d+\.0\.[\w-]{43}$/);
    const [expires, height, signature = ''] = good.split('.');
    const corpus: Record<string, string> = {
      garbage: 'garbage',
      empty: '',
      truncated: good.slice(0, -5),
      'only the expiry': `${expires}`,
      'standard base64': `${expires}.${height}.${signature.slice(0, 40)}+/=`,
      'NUL bytes': `${expires}.${height}.${signature.slice(0, 20)}\0${signature.slice(21)}`,
      'NUL only': '\0\0\0',
      'a fourth part': `${good}.extra`,
      'exponent expiry': `1e12.${height}.${signature}`,
      'negative height': `${expires}.-1.${signature}`,
      unicode: `${expires}.${height}.${'é'.repeat(43)}`,
      huge: `${expires}.${height}.${'A'.repeat(6000)}`,
    };
    const wrong: string[] = [];
    for (const route of routes) {
      for (const [name, st] of Object.entries(corpus)) {
        const response = await contractFetch(`${route.url}?st=${encodeURIComponent(st)}`, {
          method: route.method,
        });
        const body = (await response.json()) as { code?: unknown; message?: unknown };
        const clear = typeof body.code === 'string' && typeof body.message === 'string';
        if (response.status !== 403 || !clear) {
          wrong.push(`${route.url.replace(harness.url, '')} ${name}: ${response.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
