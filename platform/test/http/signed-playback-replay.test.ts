import { type Reel, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playlistUris } from '../../src/domain/hls-playlists.js';
import { signStream } from '../../src/domain/playback-tokens.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

// An attacker holds one viewer's answers and replays every `st` they carry elsewhere.

let harness: Harness;
let key: { keyId: string; privateKey: string };
let foreignKey: { keyId: string; privateKey: string };
/** A tenant's signed video with several renditions, the one the viewer may watch. */
let watched: Video;
/** Another signed video of the same tenant. */
let sibling: Video;
/** Another tenant's signed video. */
let foreign: Video;

/** Every URL of a video a player or page opens: playlists, init and first segment, images. */
interface Resource {
  name: string;
  method: 'GET' | 'POST';
  /** Absolute URL without credentials. */
  url: string;
  /** What opens it: a playback token's audience, or an `st` of that kind. */
  kind: 'v' | 't' | 's';
  /** Takes an `st` at all (media playlists, segments, the storyboard sprite). */
  takesSt: boolean;
  /** The rendition height it belongs to, for media playlists and segments (audio: 0). */
  height?: number;
}

const bare = (url: string) => {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
};
const stOf = (url: string) => new URL(url).searchParams.get('st') ?? '';
const withSt = (url: string, st: string) => `${url}?st=${encodeURIComponent(st)}`;

async function ok(url: string) {
  const response = await contractFetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status}`);
  return response;
}

/**
 * Plays `video` with `token` the way a player does and lists every resource it reached, with the
 * signed URLs each answer handed out.
 */
async function harvest(video: Video, signer: typeof key) {
  const base = `${harness.url}/v1/videos/${video.video_id}`;
  const token = await signPlaybackToken(signer, {
    videoId: video.video_id,
    audience: ['v', 't', 's'],
  });
  const resources: Resource[] = [
    { name: 'manifest', method: 'GET', url: `${base}/manifest.m3u8`, kind: 'v', takesSt: false },
    { name: 'views', method: 'POST', url: `${base}/views`, kind: 'v', takesSt: false },
    {
      name: 'thumbnail',
      method: 'GET',
      url: `${base}/thumbnails/small`,
      kind: 't',
      takesSt: false,
    },
    {
      name: 'storyboard.vtt',
      method: 'GET',
      url: `${base}/storyboard.vtt`,
      kind: 's',
      takesSt: false,
    },
  ];
  const signed: string[] = [];
  const manifestUrl = `${base}/manifest.m3u8?token=${token}`;
  for (const uri of playlistUris(await (await ok(manifestUrl)).text())) {
    const playlistUrl = new URL(uri, manifestUrl).href;
    signed.push(playlistUrl);
    const height = Number.parseInt(/renditions\/(\w+)\//.exec(playlistUrl)?.[1] ?? '', 10) || 0;
    const name = `media playlist ${height || 'audio'}`;
    resources.push({
      name,
      method: 'GET',
      url: bare(playlistUrl),
      kind: 'v',
      takesSt: true,
      height,
    });
    const [init, first] = playlistUris(await (await ok(playlistUrl)).text());
    for (const [part, segment] of [
      ['init', init],
      ['segment', first],
    ] as const) {
      const url = new URL(segment ?? '', playlistUrl).href;
      signed.push(url);
      resources.push({
        name: `${part} ${height || 'audio'}`,
        method: 'GET',
        url: bare(url),
        kind: 'v',
        takesSt: true,
        height,
      });
    }
  }
  const vtt = await (await ok(`${base}/storyboard.vtt?token=${token}`)).text();
  const sprite = new URL(/(storyboard\.jpg\?st=[^#\s]+)/.exec(vtt)?.[1] ?? '', `${base}/`).href;
  signed.push(sprite);
  resources.push({
    name: 'storyboard.jpg',
    method: 'GET',
    url: bare(sprite),
    kind: 's',
    takesSt: true,
  });
  await ok(`${base}/thumbnails/small?token=${token}`);
  return { resources, signed };
}

async function answer(resource: Resource, st: string) {
  const response = await contractFetch(withSt(resource.url, st), { method: resource.method });
  const body = response.status === 200 ? undefined : ((await response.json()) as object);
  return { status: response.status, body };
}

beforeAll(async () => {
  harness = await startHarness();
  const sdk: Reel = (await harness.tenant()).sdk;
  const other: Reel = (await harness.tenant()).sdk;
  const created = await sdk.signingKeys.create();
  key = { keyId: created.key_id, privateKey: created.private_key };
  const otherKey = await other.signingKeys.create();
  foreignKey = { keyId: otherKey.key_id, privateKey: otherKey.private_key };
  const uploads = [
    await uploadFile(sdk, await clip('landscape.mp4'), { playbackPolicy: 'signed' }),
    await uploadFile(sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' }),
    await uploadFile(other, await clip('tiny.mp4'), { playbackPolicy: 'signed' }),
  ];
  watched = await sdk.videos.waitUntilSettled(uploads[0]?.video_id ?? '', { intervalMs: 200 });
  sibling = await sdk.videos.waitUntilSettled(uploads[1]?.video_id ?? '', { intervalMs: 200 });
  foreign = await other.videos.waitUntilSettled(uploads[2]?.video_id ?? '', { intervalMs: 200 });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('an st replayed', () => {
  it('opens only the kind of resource of the answer it came in, of that video', async () => {
    const own = await harvest(watched, key);
    const targets = [
      ...own.resources,
      ...(await harvest(sibling, key)).resources,
      ...(await harvest(foreign, foreignKey)).resources,
    ];
    // The storyboard's st comes from a storyboard-only token's answer too.
    const storyboardOnly = await signPlaybackToken(key, {
      videoId: watched.video_id,
      audience: 's',
    });
    const vtt = await (
      await ok(
        `${harness.url}/v1/videos/${watched.video_id}/storyboard.vtt?token=${storyboardOnly}`,
      )
    ).text();
    const spriteSt = stOf(
      new URL(/(storyboard\.jpg\?st=[^#\s]+)/.exec(vtt)?.[1] ?? '', harness.url).href,
    );
    // Each st with the kind of answer it came in (one value may come in both).
    const stolen = new Map<string, ['v' | 's', string]>([[`s ${spriteSt}`, ['s', spriteSt]]]);
    for (const url of own.signed) {
      const kind = url.includes('storyboard.jpg') ? 's' : 'v';
      stolen.set(`${kind} ${stOf(url)}`, [kind, stOf(url)]);
    }

    const opened: string[] = [];
    const wrongRefusals: string[] = [];
    for (const [kind, st] of stolen.values()) {
      for (const target of targets) {
        const result = await answer(target, st);
        const label = `${kind}-st → ${target.url.replace(harness.url, '')}`;
        const allowed =
          target.url.includes(watched.video_id) && target.takesSt && target.kind === kind;
        if (result.status === 200) opened.push(label);
        if (!allowed) {
          const refusedWell =
            result.status === 403 &&
            typeof (result.body as { code?: unknown }).code === 'string' &&
            typeof (result.body as { message?: unknown }).message === 'string';
          if (!refusedWell) wrongRefusals.push(`${label}: ${result.status}`);
        }
      }
    }
    const expected = [...stolen.values()].flatMap(([kind]) =>
      own.resources
        .filter((r) => r.takesSt && r.kind === kind)
        .map((r) => `${kind}-st → ${r.url.replace(harness.url, '')}`),
    );
    expect(wrongRefusals).toEqual([]);
    expect(opened.sort()).toEqual(expected.sort());
  });

  it('keeps a rendition-capped st below its cap, however it is edited', async () => {
    const token = await signPlaybackToken(key, {
      videoId: watched.video_id,
      maxResolution: '360p',
    });
    const { resources } = await harvest(watched, key);
    const capped = await (
      await ok(`${harness.url}/v1/videos/${watched.video_id}/manifest.m3u8?token=${token}`)
    ).text();
    const st = /st=([^\s"]+)/.exec(capped)?.[1] ?? '';
    expect(st).toMatch(/^\d+\.360\./);
    const above = resources.filter((r) => r.takesSt && r.kind === 'v' && (r.height ?? 0) > 360);
    const below = resources.filter((r) => r.takesSt && r.kind === 'v' && (r.height ?? 0) <= 360);
    expect(above.map((r) => r.name)).toContain('media playlist 720');
    for (const target of above) {
      expect({ target: target.name, ...(await answer(target, st)) }).toMatchObject({
        target: target.name,
        status: 403,
        body: { code: 'rendition_not_allowed' },
      });
      // Lifting the cap in the URL breaks its signature.
      const lifted = st.replace('.360.', '.0.');
      expect({ target: target.name, ...(await answer(target, lifted)) }).toMatchObject({
        target: target.name,
        status: 403,
        body: { code: 'invalid_stream_signature' },
      });
    }
    for (const target of below) {
      expect({ target: target.name, status: (await answer(target, st)).status }).toEqual({
        target: target.name,
        status: 200,
      });
    }
  });

  it('is made with the configured URL signing secret, and nothing else signs one', async () => {
    const media = `${harness.url}/v1/videos/${watched.video_id}/renditions/240p/index.m3u8`;
    const expires = Math.floor(Date.now() / 1000) + 600;
    const grant = { kind: 'v', videoId: watched.video_id, maxHeight: 0, keyId: key.keyId } as const;
    const made = signStream(harness.config.urlSigningSecret, grant, expires);
    expect((await contractFetch(withSt(media, made))).status).toBe(200);
    const otherSecret = signStream('not-the-configured-secret', grant, expires);
    expect((await contractFetch(withSt(media, otherSecret))).status).toBe(403);
  });
});
