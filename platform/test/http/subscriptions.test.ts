import { randomUUID } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptions } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { type SigningKey, signedViewer } from '../support/viewer-client.js';

let harness: Harness;
let owner: { sdk: Reel; apiKey: string; tenantId: string };
let stranger: { sdk: Reel; apiKey: string; tenantId: string };
let ownerKey: { keyId: string; privateKey: string };
let strangerKey: { keyId: string; privateKey: string };

const viewer = (key: SigningKey, viewerId?: string) => signedViewer(harness.url, key, { viewerId });

/** Counts are kept by the counters role, seconds behind: waits for the channel to show `n`. */
const subscriberCountSettles = (channelId: string, n: number) =>
  until(
    `subscriber_count ${n}`,
    async () => (await owner.sdk.channels.get(channelId)).subscriber_count === n,
  );

const newChannel = (sdk: Reel) =>
  sdk.channels.create({ handle: `ch_${randomUUID().slice(0, 8)}`, title: 'Channel' });

async function signingKey(sdk: Reel) {
  const created = await sdk.signingKeys.create({ algorithm: 'ES256' });
  return { keyId: created.key_id, privateKey: created.private_key };
}

const rowsOf = (channelId: string, viewerId: string) =>
  harness.reel.ctx.database.db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.channelId, channelId), eq(subscriptions.viewerId, viewerId)));

beforeAll(async () => {
  harness = await startHarness({ roles: ['relay', 'counters'] });
  owner = await harness.tenant();
  stranger = await harness.tenant();
  ownerKey = await signingKey(owner.sdk);
  strangerKey = await signingKey(stranger.sdk);
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('subscriptions', () => {
  it('subscribe once however often they are asked, and unsubscribe', async () => {
    const channel = await newChannel(owner.sdk);
    const { client, viewerId } = await viewer(ownerKey);
    const first = await client.subscribe(channel.channel_id);
    expect(first).toMatchObject({
      channel_id: channel.channel_id,
      viewer_id: viewerId,
      channel: { channel_id: channel.channel_id },
    });
    await subscriberCountSettles(channel.channel_id, 1);
    // A repeat answers the same subscription, with the count as it now stands.
    expect(await client.subscribe(channel.channel_id)).toEqual({
      ...first,
      channel: { ...first.channel, subscriber_count: 1 },
    });
    expect((await client.subscriptions().all()).map((s) => s.channel_id)).toEqual([
      channel.channel_id,
    ]);

    await client.unsubscribe(channel.channel_id);
    await client.unsubscribe(channel.channel_id);
    await subscriberCountSettles(channel.channel_id, 0);
    expect(await client.subscriptions().all()).toEqual([]);
    expect(await rowsOf(channel.channel_id, viewerId)).toEqual([]);
  });

  it('stay one row and one count under 50 parallel subscribes', async () => {
    const channel = await newChannel(owner.sdk);
    const { client, viewerId } = await viewer(ownerKey);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => client.subscribe(channel.channel_id)),
    );
    const subscribedAt = new Set(answers.map((a) => a.subscribed_at));
    expect(subscribedAt.size).toBe(1);
    expect(await rowsOf(channel.channel_id, viewerId)).toHaveLength(1);
    await subscriberCountSettles(channel.channel_id, 1);

    await Promise.all(Array.from({ length: 50 }, () => client.unsubscribe(channel.channel_id)));
    expect(await rowsOf(channel.channel_id, viewerId)).toEqual([]);
    await subscriberCountSettles(channel.channel_id, 0);
  });

  it('count every one of 50 viewers subscribing at once', async () => {
    const channel = await newChannel(owner.sdk);
    const viewers = await Promise.all(Array.from({ length: 50 }, () => viewer(ownerKey)));
    await Promise.all(viewers.map(({ client }) => client.subscribe(channel.channel_id)));
    await subscriberCountSettles(channel.channel_id, 50);
  });

  it("list the viewer's subscriptions newest first, page by page", async () => {
    const { client, token } = await viewer(ownerKey);
    const channels = [];
    for (let i = 0; i < 3; i++) {
      const channel = await newChannel(owner.sdk);
      await client.subscribe(channel.channel_id);
      channels.push(channel.channel_id);
    }
    const pages: string[][] = [];
    let cursor = '';
    do {
      const response = await contractFetch(
        `${harness.url}/v1/viewer/subscriptions?limit=2${cursor}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(response.status).toBe(200);
      const page = (await response.json()) as {
        data: { channel_id: string }[];
        next_cursor: string | null;
      };
      pages.push(page.data.map((s) => s.channel_id));
      cursor = page.next_cursor ? `&cursor=${page.next_cursor}` : '';
    } while (cursor);
    expect(pages).toEqual([[channels[2], channels[1]], [channels[0]]]);

    const bad = await contractFetch(`${harness.url}/v1/viewer/subscriptions?cursor=nonsense`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('invalid_cursor');

    // A deleted channel's subscriptions go with it.
    await owner.sdk.channels.delete(channels[1] as string);
    expect((await client.subscriptions().all()).map((s) => s.channel_id)).toEqual([
      channels[2],
      channels[0],
    ]);
    expect((await failure(client.subscribe(channels[1] as string))).status).toBe(404);
  });

  it("answer 404 to another tenant's viewers and change nothing", async () => {
    const channel = await newChannel(owner.sdk);
    const { client: mine } = await viewer(ownerKey, 'shared-user-id');
    await mine.subscribe(channel.channel_id);
    const { client: theirs } = await viewer(strangerKey, 'shared-user-id');
    expect((await failure(theirs.subscribe(channel.channel_id))).status).toBe(404);
    expect((await failure(theirs.unsubscribe(channel.channel_id))).status).toBe(404);
    expect(await theirs.subscriptions().all()).toEqual([]);
    expect((await mine.subscriptions().all()).map((s) => s.channel_id)).toEqual([
      channel.channel_id,
    ]);
    await subscriberCountSettles(channel.channel_id, 1);
    expect((await failure(mine.subscribe(randomUUID()))).status).toBe(404);
  });

  it('need a viewer token: none, an API key or a forged token is a 401', async () => {
    const channel = await newChannel(owner.sdk);
    const { token } = await viewer(ownerKey);
    for (const bearer of [undefined, owner.apiKey, `${token.slice(0, -4)}AAAA`]) {
      for (const [method, path] of [
        ['POST', `/v1/channels/${channel.channel_id}/subscribe`],
        ['DELETE', `/v1/channels/${channel.channel_id}/subscribe`],
        ['GET', '/v1/viewer/subscriptions'],
      ] as const) {
        const response = await contractFetch(`${harness.url}${path}`, {
          method,
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        });
        expect(response.status).toBe(401);
      }
    }
    const badId = await contractFetch(`${harness.url}/v1/channels/not-a-uuid/subscribe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(badId.status).toBe(400);
    expect((await owner.sdk.channels.get(channel.channel_id)).subscriber_count).toBe(0);
  });
});
