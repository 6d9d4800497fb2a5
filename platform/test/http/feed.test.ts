import { randomUUID } from 'node:crypto';
import type { Video } from '@reel/sdk';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { signedViewer } from '../support/viewer-client.js';
import { call } from './likes-and-comments-world.js';

let harness: Harness;
let owner: Awaited<ReturnType<typeof tenantWorld>>;
let stranger: Awaited<ReturnType<typeof tenantWorld>>;

type VideoRow = typeof videos.$inferInsert;

/** A tenant, its signing key and a way to write videos on its channels straight to Postgres. */
async function tenantWorld() {
  const tenant = await harness.tenant();
  const key = await tenant.sdk.signingKeys.create();
  const signing = { keyId: key.key_id, privateKey: key.private_key };
  const channel = async () =>
    (
      await tenant.sdk.channels.create({
        handle: `feed_${randomUUID().slice(0, 8)}`,
        title: 'Feed channel',
      })
    ).channel_id;
  const insert = async (channelId: string, values: Partial<VideoRow> = {}) => {
    const id = randomUUID();
    await harness.reel.ctx.database.db.insert(videos).values({
      id,
      tenantId: tenant.tenantId,
      status: 'ready',
      title: 'a video',
      channelId,
      originalKey: `raw-uploads/${id}/original`,
      publishedAt: new Date(),
      ...values,
    });
    return id;
  };
  const viewer = (viewerId: string = randomUUID(), scopes = ['subscriptions']) =>
    signedViewer(harness.url, signing, { viewerId, scopes });
  return { ...tenant, channel, insert, viewer };
}

/**
 * `count` public, ready videos on `channelId`, one microsecond apart (newest last), written in
 * one INSERT…SELECT: a cursor that kept only milliseconds would skip or repeat them.
 */
async function videosMicrosApart(tenantId: string, channelId: string, count: number, from: Date) {
  const { rows } = await harness.reel.ctx.database.db.execute<{ id: string }>(sql`
    insert into videos (tenant_id, status, title, channel_id, original_key, published_at)
    select ${tenantId}, 'ready', 'seeded ' || n, ${channelId}, 'raw-uploads/seeded/' || n,
           ${from.toISOString()}::timestamptz + n * interval '1 microsecond'
      from generate_series(1, ${count}) n
    returning id`);
  return rows.map((r) => r.id);
}

const ids = (list: Video[]) => list.map((v) => v.video_id);

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  owner = await tenantWorld();
  stranger = await tenantWorld();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('GET /v1/viewer/feed', () => {
  it('lists the subscribed channels’ videos newest first, paging without gaps or repeats while new ones publish', async () => {
    const [a, b, c] = [await owner.channel(), await owner.channel(), await owner.channel()];
    const { client } = await owner.viewer();
    for (const channel of [a, b, c]) await client.subscribe(channel);
    const start = new Date(Date.now() - 3_600_000);
    // Interleaved across channels, some within one millisecond of each other.
    const seeded = [
      ...(await videosMicrosApart(owner.tenantId, a, 9, start)),
      ...(await videosMicrosApart(owner.tenantId, b, 9, new Date(start.getTime() + 1))),
      ...(await videosMicrosApart(owner.tenantId, c, 9, start)),
    ];
    const expected = await harness.reel.ctx.database.db.execute<{ id: string }>(sql`
      select id from videos where id in ${seeded} order by published_at desc, id desc`);

    const seen: string[] = [];
    const published: string[] = [];
    let pages = 0;
    for await (const page of client.feed({ limit: 4 }).pages()) {
      seen.push(...ids(page));
      pages++;
      // A new video on a subscribed channel mid-walk: it belongs to the top, not to later pages.
      published.push(await owner.insert(a, { publishedAt: new Date() }));
    }
    expect(pages).toBe(7);
    expect(seen).toEqual(expected.rows.map((r) => r.id));
    const fresh = ids((await client.feed({ limit: 7 }).pages().next()).value ?? []);
    expect(fresh).toEqual([...published].reverse());
  });

  it('leaves out unsubscribed channels, private, unlisted, unready and deleted videos, and other tenants', async () => {
    const subscribed = await owner.channel();
    const unsubscribed = await owner.channel();
    const dropped = await owner.channel();
    const { client, viewerId } = await owner.viewer();
    await client.subscribe(subscribed);
    await client.subscribe(dropped);
    const shown = [
      await owner.insert(subscribed, { publishedAt: new Date(Date.now() - 2000) }),
      // A viewer token sees signed videos too.
      await owner.insert(subscribed, {
        playbackPolicy: 'signed',
        publishedAt: new Date(Date.now() - 1000),
      }),
    ];
    await owner.insert(subscribed, { visibility: 'private' });
    await owner.insert(subscribed, { visibility: 'unlisted' });
    await owner.insert(subscribed, { status: 'processing', publishedAt: null });
    await owner.insert(subscribed, { status: 'failed', errorCode: 'not_a_video' });
    await owner.insert(subscribed, { deletedAt: new Date() });
    await owner.insert(unsubscribed);
    await owner.insert(dropped);
    await client.unsubscribe(dropped);
    // The same viewer id in another tenant subscribes there: nothing of it crosses over.
    const twin = await stranger.viewer(viewerId);
    const theirs = await stranger.channel();
    await twin.client.subscribe(theirs);
    const theirVideo = await stranger.insert(theirs);

    expect(ids(await client.feed().all())).toEqual([...shown].reverse());
    expect(ids(await twin.client.feed().all())).toEqual([theirVideo]);
    // Another tenant's channel cannot be subscribed to, so it cannot feed anyone here.
    await expect(client.subscribe(theirs)).rejects.toMatchObject({ status: 404 });
    expect(await (await owner.viewer()).client.feed().all()).toEqual([]);
  });

  it('answers videos as a viewer sees them, without the tenant’s own fields', async () => {
    const channel = await owner.channel();
    const { client } = await owner.viewer();
    await client.subscribe(channel);
    const id = await owner.insert(channel, { title: 'Viewer view' });
    const [video] = await client.feed().all();
    expect(video).toMatchObject({ video_id: id, title: 'Viewer view', status: 'ready' });
    expect(video).not.toHaveProperty('auto_publish');
  });

  it('refuses forged cursors with invalid_cursor, and callers without a scoped viewer token', async () => {
    const { token } = await owner.viewer();
    const forged = [
      'garbage',
      Buffer.from('["f1","2026-01-01T00:00:00.000000Z","x; drop table videos"]').toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify(['f1', '9999-99-99T99:99:99.999999Z', randomUUID()])).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify(['f1', '2026-01-01T00:00:00.000Z', randomUUID()])).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify(['f1', 1e308, randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify(['c1', 'newest', '2026-01-01T00:00:00Z', randomUUID()])).toString(
        'base64url',
      ),
    ];
    for (const cursor of forged) {
      const response = await call(harness, 'GET', `/v1/viewer/feed?cursor=${cursor}`, { token });
      expect({ cursor, status: response.status }).toEqual({ cursor, status: 400 });
      expect(await response.json()).toMatchObject({ code: 'invalid_cursor' });
    }
    // A NUL byte is refused before the cursor is read.
    const nul = await call(harness, 'GET', '/v1/viewer/feed?cursor=%00', { token });
    expect(nul.status).toBe(400);
    for (const limit of ['100000', '0', '-1', '1e308', 'x']) {
      const bad = await call(harness, 'GET', `/v1/viewer/feed?limit=${limit}`, { token });
      expect({ limit, status: bad.status }).toEqual({ limit, status: 400 });
    }
    expect((await call(harness, 'GET', '/v1/viewer/feed')).status).toBe(401);
    const unscoped = await owner.viewer(randomUUID(), ['likes']);
    expect((await call(harness, 'GET', '/v1/viewer/feed', { token: unscoped.token })).status).toBe(
      403,
    );
    expect((await call(harness, 'GET', '/v1/viewer/feed', { token: owner.apiKey })).status).toBe(
      401,
    );
  });
});
