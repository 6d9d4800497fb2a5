import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { type Reel, type ReelError, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { readHls } from '../support/hls-reader.js';

let harness: Harness;
let sdk: Reel;
let other: Reel;
let video: Video;
let otherVideo: Video;
let key: { keyId: string; privateKey: string };
let foreignKey: { keyId: string; privateKey: string };

const b64 = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** Signs a JWT by hand with node:crypto: proof that tokens need no Reel code, any JWT library will do. */
function handSigned(header: object, claims: object, pem: string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = cryptoSign('sha256', Buffer.from(input), {
    key: createPrivateKey(pem),
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${b64(signature)}`;
}
const now = () => Math.floor(Date.now() / 1000);
const manifest = (v: Video, token?: string) =>
  contractFetch(
    `${harness.url}/v1/videos/${v.video_id}/manifest.m3u8${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`,
  );
const refusal = async (response: Response) => ({
  status: response.status,
  code: ((await response.json()) as { code: string }).code,
});

beforeAll(async () => {
  harness = await startHarness();
  sdk = (await harness.tenant()).sdk;
  other = (await harness.tenant()).sdk;
  const created = await sdk.signingKeys.create();
  key = { keyId: created.key_id, privateKey: created.private_key };
  const foreign = await other.signingKeys.create();
  foreignKey = { keyId: foreign.key_id, privateKey: foreign.private_key };
  const [a, b] = [
    await uploadFile(sdk, await clip('landscape.mp4'), { playbackPolicy: 'signed' }),
    await uploadFile(sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' }),
  ];
  video = await sdk.videos.waitUntilSettled(a.video_id, { intervalMs: 200 });
  otherVideo = await sdk.videos.waitUntilSettled(b.video_id, { intervalMs: 200 });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('signing keys', () => {
  it('returns the private key once and keeps only the public key', async () => {
    const listed = await sdk.signingKeys.list().all();
    expect(listed.map((k) => k.key_id)).toContain(key.keyId);
    expect(JSON.stringify(listed)).not.toContain('PRIVATE KEY');
    expect(listed[0]?.public_key).toContain('BEGIN PUBLIC KEY');
    expect(key.privateKey).toContain('BEGIN PRIVATE KEY');
  });

  it('caps live keys at five, for rotation', async () => {
    const extra = [];
    for (let i = (await sdk.signingKeys.list().all()).length; i < 5; i++)
      extra.push(await sdk.signingKeys.create({ algorithm: 'RS256' }));
    const error = await sdk.signingKeys.create().catch((e: unknown) => e as ReelError);
    expect(error).toMatchObject({ status: 409, code: 'too_many_signing_keys' });
    for (const k of extra) await sdk.signingKeys.delete(k.key_id);
  });
});

describe('a signed video', () => {
  it('plays with a token from its tenant, through signed URIs down to the segments', async () => {
    const token = await signPlaybackToken(key, { videoId: video.video_id, expiresIn: '10m' });
    const hls = await readHls(
      `${harness.url}/v1/videos/${video.video_id}/manifest.m3u8?token=${token}`,
    );
    expect(hls.variants).toHaveLength(4);
    expect(hls.master).toMatch(/renditions\/720p\/index\.m3u8\?st=\d+\.0\.[\w-]{43}/);
    expect(hls.variants.every((v) => v.initBox === 'ftyp')).toBe(true);
    const response = await manifest(video, token);
    expect(response.headers.get('cache-control')).toBe('private, max-age=30');
  });

  it('accepts a token made by hand with node:crypto (no Reel code)', async () => {
    const token = handSigned(
      { alg: 'ES256', kid: key.keyId, typ: 'JWT' },
      { sub: video.video_id, aud: 'v', exp: now() + 60 },
      key.privateKey,
    );
    expect((await manifest(video, token)).status).toBe(200);
  });

  it('caps the resolution when the token says so', async () => {
    const token = await signPlaybackToken(key, { videoId: video.video_id, maxResolution: '360p' });
    const hls = await readHls(
      `${harness.url}/v1/videos/${video.video_id}/manifest.m3u8?token=${token}`,
    );
    expect(hls.variants.map((v) => v.height)).toEqual([240, 360]);
    const st = /st=([^\s"]+)/.exec(hls.master)?.[1] ?? '';
    const higher = await contractFetch(
      `${harness.url}/v1/videos/${video.video_id}/renditions/720p/index.m3u8?st=${st}`,
    );
    expect(await refusal(higher)).toEqual({ status: 403, code: 'rendition_not_allowed' });
  });

  it('refuses every bad token with a clear code, and never sends content', async () => {
    const claims = { sub: video.video_id, aud: 'v', exp: now() + 60 };
    const good = handSigned({ alg: 'ES256', kid: key.keyId }, claims, key.privateKey);
    const [head, body] = good.split('.');
    const cases: [string, string | undefined, number, string][] = [
      ['no token', undefined, 401, 'playback_token_required'],
      ['garbage', 'not.a.jwt', 401, 'invalid_playback_token'],
      [
        'tampered claims',
        `${head}.${b64({ ...claims, sub: otherVideo.video_id })}.${good.split('.')[2]}`,
        401,
        'invalid_playback_token',
      ],
      [
        'alg none',
        `${b64({ alg: 'none', kid: key.keyId })}.${body}.`,
        401,
        'invalid_playback_token',
      ],
      [
        'HS256 with the public key as secret',
        `${b64({ alg: 'HS256', kid: key.keyId })}.${body}.${b64(Buffer.alloc(32))}`,
        401,
        'invalid_playback_token',
      ],
      [
        'unknown kid',
        handSigned(
          { alg: 'ES256', kid: '00000000-0000-4000-8000-000000000000' },
          claims,
          key.privateKey,
        ),
        401,
        'invalid_playback_token',
      ],
      [
        "another tenant's key",
        handSigned({ alg: 'ES256', kid: foreignKey.keyId }, claims, foreignKey.privateKey),
        401,
        'invalid_playback_token',
      ],
      [
        'expired',
        handSigned({ alg: 'ES256', kid: key.keyId }, { ...claims, exp: now() - 5 }, key.privateKey),
        401,
        'playback_token_expired',
      ],
      [
        'no exp',
        handSigned(
          { alg: 'ES256', kid: key.keyId },
          { sub: video.video_id, aud: 'v' },
          key.privateKey,
        ),
        401,
        'invalid_playback_token',
      ],
      [
        'thumbnail audience',
        handSigned({ alg: 'ES256', kid: key.keyId }, { ...claims, aud: 't' }, key.privateKey),
        403,
        'playback_token_wrong_audience',
      ],
      [
        'another video',
        handSigned(
          { alg: 'ES256', kid: key.keyId },
          { ...claims, sub: otherVideo.video_id },
          key.privateKey,
        ),
        403,
        'playback_token_wrong_video',
      ],
    ];
    for (const [name, token, status, code] of cases) {
      const response = await manifest(video, token);
      expect({ name, ...(await refusal(response)) }).toEqual({ name, status, code });
    }
  });

  it('refuses segments and playlists without a valid stream signature', async () => {
    const base = `${harness.url}/v1/videos/${video.video_id}/renditions/240p`;
    expect(await refusal(await contractFetch(`${base}/index.m3u8`))).toEqual({
      status: 401,
      code: 'playback_token_required',
    });
    expect(await refusal(await contractFetch(`${base}/segments/init.mp4`))).toEqual({
      status: 401,
      code: 'playback_token_required',
    });
    const forged = `${now() + 600}.0.${'A'.repeat(43)}`;
    expect(await refusal(await contractFetch(`${base}/segments/init.mp4?st=${forged}`))).toEqual({
      status: 403,
      code: 'invalid_stream_signature',
    });
    // A signature for one video opens nothing of another.
    const token = await signPlaybackToken(key, { videoId: otherVideo.video_id });
    const text = await (await manifest(otherVideo, token)).text();
    const st = /st=([^\s"]+)/.exec(text)?.[1] ?? '';
    expect((await contractFetch(`${base}/segments/init.mp4?st=${st}`)).status).toBe(403);
  });

  it('gates thumbnails and storyboards by their own audience', async () => {
    const base = `${harness.url}/v1/videos/${video.video_id}`;
    const onlyVideo = await signPlaybackToken(key, { videoId: video.video_id, audience: 'v' });
    const both = await signPlaybackToken(key, { videoId: video.video_id, audience: ['t', 's'] });
    expect((await contractFetch(`${base}/thumbnails/small`)).status).toBe(401);
    expect((await contractFetch(`${base}/thumbnails/small?token=${onlyVideo}`)).status).toBe(403);
    expect((await contractFetch(`${base}/thumbnails/small?token=${both}`)).status).toBe(200);
    const vtt = await (await contractFetch(`${base}/storyboard.vtt?token=${both}`)).text();
    const sprite = /(storyboard\.jpg\?st=[^#\s]+)/.exec(vtt)?.[1];
    expect(sprite).toBeDefined();
    expect((await contractFetch(`${base}/${sprite}`)).status).toBe(200);
  });

  it('stops honouring tokens of a deleted signing key at once', async () => {
    const spare = await sdk.signingKeys.create();
    const token = await signPlaybackToken(
      { keyId: spare.key_id, privateKey: spare.private_key },
      { videoId: video.video_id },
    );
    expect((await manifest(video, token)).status).toBe(200);
    await sdk.signingKeys.delete(spare.key_id);
    expect(await refusal(await manifest(video, token))).toEqual({
      status: 401,
      code: 'invalid_playback_token',
    });
  });

  it('a public video switched to signed needs a token from then on', async () => {
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
    const plain = await sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect((await manifest(plain)).status).toBe(200);
    await sdk.videos.update(plain.video_id, { playback_policy: 'signed' });
    await new Promise((resolve) => setTimeout(resolve, 5200)); // the playback lookup cache lapses
    expect((await manifest(plain)).status).toBe(401);
  });
});
