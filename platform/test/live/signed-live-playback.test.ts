import { signLivePlaybackToken, signPlaybackToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import type { Harness } from '../support/harness.js';
import { startLiveHarness } from '../support/live-harness.js';
import { until } from '../support/polling.js';
import { type Publisher, publish } from '../support/rtmp-publisher.js';

type Tenant = Awaited<ReturnType<Harness['tenant']>>;
type Key = { keyId: string; privateKey: string };

let harness: Harness;
let owner: Tenant;
let key: Key;
let foreignKey: Key;
/** The owner's signed stream a publisher sends to. */
let streamId: string;
/** Another signed stream of the owner's, idle. */
let siblingId: string;
/** A signed video of the owner's. */
let videoId: string;
let publisher: Publisher;

const keyOf = async (tenant: Tenant): Promise<Key> => {
  const created = await tenant.sdk.signingKeys.create();
  return { keyId: created.key_id, privateKey: created.private_key };
};

beforeAll(async () => {
  harness = await startLiveHarness(5000);
  owner = await harness.tenant();
  const stranger = await harness.tenant();
  [key, foreignKey] = await Promise.all([keyOf(owner), keyOf(stranger)]);
  const stream = await owner.sdk.liveStreams.create({
    title: 'Paid',
    playback_policy: 'signed',
    record: true,
  });
  expect(stream.playback_policy).toBe('signed');
  streamId = stream.live_stream_id;
  siblingId = (await owner.sdk.liveStreams.create({ title: 'Other', playback_policy: 'signed' }))
    .live_stream_id;
  const upload = await owner.sdk.uploads.create({
    filename: 'clip.mp4',
    size_bytes: 1_000_000,
    mime: 'video/mp4',
    playback_policy: 'signed',
  });
  videoId = upload.video_id;
  publisher = publish(`${stream.rtmp_url}/${stream.stream_key}`);
});
afterAll(async () => {
  await publisher?.stop();
  await harness?.stop();
  expect(violations).toEqual([]);
});

const live = (id: string) => `${harness.url}/v1/live-streams/${id}`;
const tokenFor = (id: string, options: { expiresIn?: number; maxResolution?: string } = {}) =>
  signLivePlaybackToken(key, { liveStreamId: id, ...options });

/** A refusal's status and catalogue code. */
async function refusal(url: string) {
  const response = await contractFetch(url);
  const body = (await response.json()) as { code: string };
  return [response.status, body.code];
}

async function text(url: string) {
  const response = await contractFetch(url);
  expect(response.status, url).toBe(200);
  return response.text();
}

/** Every URI a playlist hands out, plain lines and `URI="…"` attributes, resolved against it. */
const urisOf = (playlist: string, base: string) =>
  [
    ...playlist.split('\n').filter((line) => line !== '' && !line.startsWith('#')),
    ...[...playlist.matchAll(/URI="([^"]+)"/g)].map((m) => m[1] ?? ''),
  ].map((uri) => new URL(uri, base).href);

const withoutQuery = (url: string) => url.split('?')[0] ?? url;

describe('signed live playback', () => {
  it('plays a signed stream only with a token, through the URLs its answers hand out', async () => {
    const manifestUrl = `${live(streamId)}/manifest.m3u8`;
    const token = await tokenFor(streamId);
    const manifest = await until(
      'the signed master playlist',
      async () => {
        const response = await contractFetch(`${manifestUrl}?token=${token}`);
        return response.status === 200 ? response.text() : undefined;
      },
      20_000,
    );
    expect(await refusal(manifestUrl)).toEqual([401, 'playback_token_required']);

    const variants = urisOf(manifest, manifestUrl);
    expect(variants.length).toBe(2);
    for (const uri of variants) expect(uri).toMatch(/playlist\.m3u8\?st=[\w.-]+$/);
    const variant = variants.find((uri) => uri.includes('/360p/')) ?? '';
    const playlist = await until(
      'two segments',
      async () => {
        const response = await contractFetch(variant);
        const body = response.status === 200 ? await response.text() : '';
        return (body.match(/^#EXTINF/gm)?.length ?? 0) >= 2 ? body : undefined;
      },
      20_000,
    );
    const media = urisOf(playlist, variant);
    for (const uri of media) expect(uri).toMatch(/\.(mp4|m4s)\?st=[\w.-]+$/);
    const segment = media.find((uri) => /\/\d+\.m4s\?/.test(uri)) ?? '';
    const part = media.find((uri) => /\/\d+\.\d+\.m4s\?/.test(uri)) ?? '';
    for (const uri of [segment, part]) {
      const response = await contractFetch(uri);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('video/mp4');
      // Kept by the viewer's browser only: a shared cache would outlive a revoked key.
      expect(response.headers.get('cache-control')).toMatch(/^private/);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const response = await contractFetch(variant);
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    // A blocking reload keeps the `st` and still waits for the next part.
    const first = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1]);
    const next = first + (playlist.match(/^#EXTINF/gm)?.length ?? 0);
    const held = await text(`${variant}&_HLS_msn=${next}&_HLS_part=0`);
    expect(held).toMatch(new RegExp(`/${next}\\.\\d+\\.m4s\\?st=`));

    // Without the `st`, or with garbage or NUL bytes in it, playlists and media refuse.
    expect(await refusal(withoutQuery(variant))).toEqual([401, 'playback_token_required']);
    expect(await refusal(withoutQuery(segment))).toEqual([401, 'playback_token_required']);
    for (const st of ['garbage', '%00%00', `9999999999.0.${'A'.repeat(43)}`]) {
      expect(await refusal(`${withoutQuery(segment)}?st=${st}`)).toEqual([
        403,
        'invalid_stream_signature',
      ]);
    }

    // The manifest's `st` opens nothing of another stream, nor of a video.
    const st = new URL(variant).searchParams.get('st') ?? '';
    const sibling = variant.replace(streamId, siblingId);
    expect(await refusal(sibling)).toEqual([403, 'invalid_stream_signature']);
    expect(await refusal(segment.replace(streamId, siblingId))).toEqual([
      403,
      'invalid_stream_signature',
    ]);
    expect(
      await refusal(`${harness.url}/v1/videos/${videoId}/renditions/360p/index.m3u8?st=${st}`),
    ).toEqual([403, 'invalid_stream_signature']);
  }, 35_000);

  it('refuses expired, forged, other streams’, videos’ and other tenants’ tokens', async () => {
    const manifestUrl = `${live(streamId)}/manifest.m3u8`;
    const valid = await tokenFor(streamId);
    const forged = `${valid.slice(0, -4)}${valid.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const cases: [string, string, [number, string]][] = [
      ['expired', await tokenFor(streamId, { expiresIn: -60 }), [401, 'playback_token_expired']],
      ['forged', forged, [401, 'invalid_playback_token']],
      ['garbage', 'not.a.jwt%00', [401, 'invalid_playback_token']],
      ['another stream’s', await tokenFor(siblingId), [403, 'playback_token_wrong_video']],
      [
        'a video’s',
        await signPlaybackToken(key, { videoId, audience: 'v' }),
        [403, 'playback_token_wrong_video'],
      ],
      [
        'another tenant’s key',
        await signLivePlaybackToken(foreignKey, { liveStreamId: streamId }),
        [401, 'invalid_playback_token'],
      ],
      [
        'a thumbnail-only',
        await signPlaybackToken(key, { videoId: streamId, audience: 't' }),
        [403, 'playback_token_wrong_audience'],
      ],
    ];
    for (const [name, token, expected] of cases) {
      expect([name, await refusal(`${manifestUrl}?token=${token}`)]).toEqual([name, expected]);
    }
    // And the reverse: a stream's token opens no video.
    expect(
      await refusal(`${harness.url}/v1/videos/${videoId}/manifest.m3u8?token=${valid}`),
    ).toEqual([403, 'playback_token_wrong_video']);
  });

  it('records a signed stream as a signed video', async () => {
    await publisher.stop();
    const recorded = await until(
      'the recording',
      async () => (await owner.sdk.liveStreams.get(streamId)).recording_video_id ?? undefined,
      20_000,
    );
    expect((await owner.sdk.videos.get(recorded)).playback_policy).toBe('signed');
    const manifestUrl = `${harness.url}/v1/videos/${recorded}/manifest.m3u8`;
    expect(await refusal(manifestUrl)).toEqual([401, 'playback_token_required']);
    const token = await signPlaybackToken(key, { videoId: recorded, audience: 'v' });
    expect(await text(`${manifestUrl}?token=${token}`)).toContain('?st=');
  }, 30_000);

  it('caps renditions at the token’s max_resolution and plays for anyone once public', async () => {
    const manifestUrl = `${live(streamId)}/manifest.m3u8`;
    const capped = await text(
      `${manifestUrl}?token=${await tokenFor(streamId, { maxResolution: '180p' })}`,
    );
    const variants = urisOf(capped, manifestUrl);
    expect(variants.map((uri) => new URL(uri).pathname.split('/').at(-2))).toEqual(['180p']);
    const st = new URL(variants[0] ?? '').searchParams.get('st');
    expect(await refusal(`${live(streamId)}/renditions/360p/playlist.m3u8?st=${st}`)).toEqual([
      403,
      'rendition_not_allowed',
    ]);

    const changed = await owner.sdk.liveStreams.update(streamId, { playback_policy: 'public' });
    expect(changed.playback_policy).toBe('public');
    const open = await text(manifestUrl);
    expect(open).toContain('renditions/360p/playlist.m3u8\n');
    expect(open).not.toContain('st=');

    const bad = await contractFetch(`${live(streamId)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${owner.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ playback_policy: 'secret' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('invalid_request');
  });
});
