import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Channel, Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { decodeRgb, makeImage, probeImage } from '../support/images.js';

let harness: Harness;
let owner: { sdk: Reel; apiKey: string; tenantId: string };
let stranger: { sdk: Reel; apiKey: string; tenantId: string };
let wideJpeg: Buffer;

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  owner = await harness.tenant();
  stranger = await harness.tenant();
  wideJpeg = await makeImage('wide.jpg', { size: '640x360', codec: 'mjpeg' });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const newChannel = () =>
  owner.sdk.channels.create({ handle: `av_${randomUUID().slice(0, 8)}`, title: 'Avatars' });

/** PUTs `body` as the channel's avatar, checked against the contract. */
async function putAvatar(
  channelId: string,
  body: Buffer | string,
  contentType: string | undefined,
  apiKey = owner.apiKey,
) {
  const response = await contractFetch(`${harness.url}/v1/channels/${channelId}/avatar`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(contentType !== undefined && { 'content-type': contentType }),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The avatar ids with objects in the store under the channel's prefix. */
async function storedAvatars(channelId: string): Promise<string[]> {
  const dir = join(harness.config.dataDir, 'objects', 'channels', channelId, 'avatars');
  return readdir(dir).catch(() => []);
}

const fetchImage = (url: string, headers: Record<string, string> = {}) =>
  contractFetch(url, { headers });

describe('channel avatars', () => {
  it('crops an upload to a centred square, stores 88 and 240 px WebP, and serves them publicly', async () => {
    const channel = await newChannel();
    expect(channel.avatar_url).toBeNull();
    const put = await putAvatar(channel.channel_id, wideJpeg, 'image/jpeg');
    expect(put.status).toBe(200);
    const updated = put.body as unknown as Channel;
    expect(updated.avatar_url).toMatch(/\/avatars\/[0-9a-f-]{36}\/medium$/);
    expect(updated.avatar_small_url).toMatch(/\/avatars\/[0-9a-f-]{36}\/small$/);

    // The public channel page shows the same URLs, and anyone can fetch them.
    const page = await (
      await contractFetch(`${harness.url}/v1/channels/${channel.channel_id}`)
    ).json();
    expect(page).toMatchObject({ avatar_url: updated.avatar_url });
    for (const [url, side] of [
      [updated.avatar_url, 240],
      [updated.avatar_small_url, 88],
    ] as const) {
      const response = await fetchImage(url ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toContain('immutable');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(await probeImage(bytes)).toMatchObject({ width: side, height: side, codec: 'webp' });
      // Only the green middle is left: the red bands at the edges were cropped away.
      const rgb = await decodeRgb(bytes);
      for (const pixel of [0, side - 1, side * side - 1]) {
        const [r = 0, g = 0] = rgb.subarray(pixel * 3, pixel * 3 + 3);
        expect(g).toBeGreaterThan(100);
        expect(r).toBeLessThan(60);
      }
      const again = await fetchImage(url ?? '', {
        'if-none-match': response.headers.get('etag') ?? '',
      });
      expect(again.status).toBe(304);
    }
    expect(await storedAvatars(channel.channel_id)).toHaveLength(1);
  });

  it('takes PNG and WebP; a new upload gets new URLs and the old ones are gone', async () => {
    const channel = await newChannel();
    const tall = await makeImage('tall.png', { size: '300x500', codec: 'png' });
    const first = (await putAvatar(channel.channel_id, tall, 'image/png'))
      .body as unknown as Channel;
    const square = await makeImage('square.webp', { size: '400x400', codec: 'libwebp' });
    const second = await putAvatar(channel.channel_id, square, 'image/webp');
    expect(second.status).toBe(200);
    const replaced = second.body as unknown as Channel;
    expect(replaced.avatar_url).not.toBe(first.avatar_url);
    expect((await fetchImage(replaced.avatar_url ?? '')).status).toBe(200);
    expect((await fetchImage(first.avatar_url ?? '')).status).toBe(404);
    expect((await fetchImage(first.avatar_small_url ?? '')).status).toBe(404);
    expect(await storedAvatars(channel.channel_id)).toEqual([
      replaced.avatar_url?.split('/').at(-2),
    ]);
    const listed = await owner.sdk.channels.list().all();
    expect(listed.find((c) => c.channel_id === channel.channel_id)?.avatar_url).toBe(
      replaced.avatar_url,
    );
  });

  it('keeps exactly one avatar when uploads race', async () => {
    const channel = await newChannel();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => putAvatar(channel.channel_id, wideJpeg, 'image/jpeg')),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const current = await owner.sdk.channels.get(channel.channel_id);
    expect(await storedAvatars(channel.channel_id)).toEqual([
      current.avatar_url?.split('/').at(-2),
    ]);
    expect((await fetchImage(current.avatar_url ?? '')).status).toBe(200);
  });

  it('removes an avatar (twice is fine), and deleting the channel deletes its avatar', async () => {
    const channel = await newChannel();
    const set = (await putAvatar(channel.channel_id, wideJpeg, 'image/jpeg'))
      .body as unknown as Channel;
    await owner.sdk.channels.deleteAvatar(channel.channel_id);
    await owner.sdk.channels.deleteAvatar(channel.channel_id);
    expect((await owner.sdk.channels.get(channel.channel_id)).avatar_url).toBeNull();
    expect((await fetchImage(set.avatar_url ?? '')).status).toBe(404);
    expect(await storedAvatars(channel.channel_id)).toEqual([]);

    const doomed = await newChannel();
    await putAvatar(doomed.channel_id, wideJpeg, 'image/jpeg');
    expect(await storedAvatars(doomed.channel_id)).toHaveLength(1);
    await owner.sdk.channels.delete(doomed.channel_id);
    expect(await storedAvatars(doomed.channel_id)).toEqual([]);
  });

  it('refuses hostile images with clear errors and stores nothing', async () => {
    const channel = await newChannel();
    const kept = (await putAvatar(channel.channel_id, wideJpeg, 'image/jpeg'))
      .body as unknown as Channel;
    const png = await makeImage('small.png', { size: '200x200', codec: 'png' });
    const webp = await makeImage('small.webp', { size: '200x200', codec: 'libwebp' });
    // 6000 × 6000 black compresses to about 100 KB but decodes to 108 MB.
    const bomb = await makeImage('bomb.png', { size: '6000x6000', codec: 'png', filter: 'null' });
    // A 300 × 500 PNG whose header claims 15000 × 15000.
    const forged = Buffer.from(png);
    forged.writeUInt32BE(15000, 16);
    forged.writeUInt32BE(15000, 20);
    const cases: [string, Buffer | string, string | undefined, number, string][] = [
      ['an empty body', Buffer.alloc(0), 'image/png', 400, 'invalid_image'],
      ['text', 'definitely not an image', 'image/jpeg', 400, 'invalid_image'],
      ['NUL bytes', Buffer.alloc(4096), 'image/png', 400, 'invalid_image'],
      [
        'half a JPEG',
        wideJpeg.subarray(0, wideJpeg.length / 2),
        'image/jpeg',
        400,
        'invalid_image',
      ],
      ['half a PNG', png.subarray(0, png.length / 2), 'image/png', 400, 'invalid_image'],
      ['half a WebP', webp.subarray(0, webp.length / 2), 'image/webp', 400, 'invalid_image'],
      ['a PNG sent as JPEG', png, 'image/jpeg', 400, 'invalid_image'],
      ['a pixel bomb', bomb, 'image/png', 400, 'image_too_large'],
      ['a forged huge header', forged, 'image/png', 400, 'image_too_large'],
      ['plain text', 'hello', 'text/plain', 415, 'unsupported_media_type'],
      ['a GIF type', png, 'image/gif', 415, 'unsupported_media_type'],
      ['JSON', '{"image":"x"}', 'application/json', 415, 'unsupported_media_type'],
      ['no type at all', png, undefined, 415, 'unsupported_media_type'],
      ['over 4 MiB', Buffer.alloc(4 * 1024 * 1024 + 1, 1), 'image/png', 413, 'payload_too_large'],
    ];
    for (const [what, body, type, status, code] of cases) {
      const answer = await putAvatar(channel.channel_id, body, type);
      expect({ what, status: answer.status, code: answer.body.code }).toEqual({
        what,
        status,
        code,
      });
      expect(answer.body.message).toEqual(expect.any(String));
      if (code === 'image_too_large')
        expect(answer.body.details).toEqual({ max_pixels: 25_000_000 });
    }
    expect((await owner.sdk.channels.get(channel.channel_id)).avatar_url).toBe(kept.avatar_url);
    expect(await storedAvatars(channel.channel_id)).toEqual([kept.avatar_url?.split('/').at(-2)]);
  });

  it("is another tenant's 404, and a stale, forged or malformed URL is refused", async () => {
    const channel = await newChannel();
    const set = (await putAvatar(channel.channel_id, wideJpeg, 'image/jpeg'))
      .body as unknown as Channel;
    const asStranger = await putAvatar(channel.channel_id, wideJpeg, 'image/jpeg', stranger.apiKey);
    expect(asStranger.status).toBe(404);
    const strangerDelete = await contractFetch(
      `${harness.url}/v1/channels/${channel.channel_id}/avatar`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${stranger.apiKey}` },
      },
    );
    expect(strangerDelete.status).toBe(404);
    expect((await owner.sdk.channels.get(channel.channel_id)).avatar_url).toBe(set.avatar_url);
    expect((await putAvatar(randomUUID(), wideJpeg, 'image/jpeg')).status).toBe(404);
    expect(
      (await putAvatar(channel.channel_id, wideJpeg, 'image/jpeg', 'reel_sk_forged')).status,
    ).toBe(401);

    const base = `${harness.url}/v1/channels/${channel.channel_id}/avatars`;
    expect((await fetchImage(`${base}/${randomUUID()}/medium`)).status).toBe(404);
    expect((await fetchImage(`${base}/not-a-uuid/medium`)).status).toBe(400);
    const avatarId = set.avatar_url?.split('/').at(-2);
    expect((await fetchImage(`${base}/${avatarId}/huge`)).status).toBe(400);
    expect((await fetchImage(`${base}/${avatarId}/..%2F..%2Fmedium`)).status).toBe(400);
    expect(
      (await fetchImage(`${harness.url}/v1/channels/${randomUUID()}/avatars/${avatarId}/medium`))
        .status,
    ).toBe(404);
  });
});
