import type { Channel, Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelKeys } from '../../src/domain/avatars.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { makeImage, probeImage } from '../support/images.js';

let harness: Harness;
let sdk: Reel;

beforeAll(async () => {
  // Objects on MinIO: avatar reads redirect to the bucket, like other public media.
  harness = await startHarness({ roles: [] });
  sdk = (await harness.tenant()).sdk;
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const avatarIdOf = (channel: Channel) => channel.avatar_url?.split('/').at(-2) ?? '';

describe('channel avatars on S3', () => {
  it('stores the renditions in the bucket, redirects reads there, and deletes the old ones', async () => {
    const channel = await sdk.channels.create({
      handle: `s3av-${crypto.randomUUID().slice(0, 6)}`,
      title: 'Avatars on S3',
    });
    const first = await sdk.channels.setAvatar(
      channel.channel_id,
      await makeImage('s3-wide.jpg', { size: '640x360', codec: 'mjpeg' }),
      'image/jpeg',
    );
    const redirect = await contractFetch(first.avatar_url ?? '', { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const image = await fetch(redirect.headers.get('location') ?? '');
    expect(image.status).toBe(200);
    expect(await probeImage(Buffer.from(await image.arrayBuffer()))).toMatchObject({
      width: 240,
      height: 240,
      codec: 'webp',
    });

    const second = await sdk.channels.setAvatar(
      channel.channel_id,
      await makeImage('s3-tall.png', { size: '300x500', codec: 'png' }),
      'image/png',
    );
    const { store } = harness.reel.ctx;
    expect(
      await store.head(channelKeys.avatar(channel.channel_id, avatarIdOf(first), 'medium')),
    ).toBeNull();
    expect(
      await store.head(channelKeys.avatar(channel.channel_id, avatarIdOf(second), 'small')),
    ).not.toBeNull();
    expect((await contractFetch(first.avatar_url ?? '', { redirect: 'manual' })).status).toBe(404);

    await sdk.channels.delete(channel.channel_id);
    expect(
      await store.head(channelKeys.avatar(channel.channel_id, avatarIdOf(second), 'small')),
    ).toBeNull();
  });
});
