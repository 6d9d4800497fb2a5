import { randomUUID } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let owner: { sdk: Reel; apiKey: string; tenantId: string };
let stranger: { sdk: Reel; apiKey: string; tenantId: string };

/** A request as a browser without credentials makes it, checked against the contract. */
const anonymous = async (path: string) => {
  const response = await contractFetch(`${harness.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const handle = () => `ch_${randomUUID().slice(0, 8)}`;

/** A video row as the publish role leaves it (ready), or in another state. */
async function addVideo(
  tenantId: string,
  fields: Partial<typeof videos.$inferInsert> & { channelId: string | null },
) {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId,
    title: `video ${id.slice(0, 4)}`,
    status: 'ready',
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
    durationSec: 10,
    ...fields,
  });
  return id;
}

const UPLOAD = { filename: 'clip.mp4', size_bytes: 6_000_000, mime: 'video/mp4' };

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  owner = await harness.tenant();
  stranger = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('channels', () => {
  it('are created, read, listed, changed and deleted', async () => {
    const created = await owner.sdk.channels.create({
      handle: handle(),
      title: 'Cooking with Ada',
      description: 'Weeknight dinners',
      owner_viewer_id: 'user-7',
    });
    expect(created).toMatchObject({
      title: 'Cooking with Ada',
      description: 'Weeknight dinners',
      owner_viewer_id: 'user-7',
      subscriber_count: 0,
    });
    expect(await owner.sdk.channels.get(created.channel_id)).toEqual(created);
    const listed = await owner.sdk.channels.list().all();
    expect(listed.map((c) => c.channel_id)).toContain(created.channel_id);

    const renamed = handle();
    const changed = await owner.sdk.channels.update(created.channel_id, {
      title: 'Ada cooks',
      handle: renamed,
      owner_viewer_id: null,
    });
    expect(changed).toMatchObject({
      title: 'Ada cooks',
      handle: renamed,
      description: 'Weeknight dinners',
      owner_viewer_id: null,
    });
    expect(await owner.sdk.channels.get(created.channel_id)).toEqual(changed);

    await owner.sdk.channels.delete(created.channel_id);
    expect((await failure(owner.sdk.channels.get(created.channel_id))).status).toBe(404);
    expect((await failure(owner.sdk.channels.delete(created.channel_id))).status).toBe(404);
    expect(
      (await failure(owner.sdk.channels.update(created.channel_id, { title: 'x' }))).status,
    ).toBe(404);
    const after = await owner.sdk.channels.list().all();
    expect(after.map((c) => c.channel_id)).not.toContain(created.channel_id);
    // A deleted channel's handle is free again.
    const again = await owner.sdk.channels.create({ handle: renamed, title: 'Back' });
    expect(again.handle).toBe(renamed);
  });

  it('lists newest first, page by page', async () => {
    const { sdk, apiKey } = await harness.tenant();
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(await sdk.channels.create({ handle: handle(), title: `${i}` }));
    const pages = [];
    let cursor = '';
    do {
      const response = await contractFetch(`${harness.url}/v1/channels?limit=2${cursor}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const page = (await response.json()) as {
        data: { channel_id: string }[];
        next_cursor: string | null;
      };
      pages.push(page.data.map((c) => c.channel_id));
      cursor = page.next_cursor ? `&cursor=${page.next_cursor}` : '';
    } while (cursor);
    expect(pages).toEqual([[made[2]?.channel_id, made[1]?.channel_id], [made[0]?.channel_id]]);
  });

  it('keep handles unique per tenant whatever their letter case', async () => {
    const taken = handle();
    await owner.sdk.channels.create({ handle: taken, title: 'First' });
    const twice = await failure(
      owner.sdk.channels.create({ handle: taken.toUpperCase(), title: 'Second' }),
    );
    expect(twice.status).toBe(409);
    expect(twice.code).toBe('handle_taken');
    const other = await owner.sdk.channels.create({ handle: handle(), title: 'Other' });
    const renamed = await failure(
      owner.sdk.channels.update(other.channel_id, { handle: taken.replace('ch_', 'CH_') }),
    );
    expect(renamed.code).toBe('handle_taken');
    expect((await owner.sdk.channels.get(other.channel_id)).handle).toBe(other.handle);
    // Another tenant has its own namespace.
    expect((await stranger.sdk.channels.create({ handle: taken, title: 'Theirs' })).handle).toBe(
      taken,
    );
  });

  it('refuse bad handles, titles and cursors with 400', async () => {
    for (const bad of ['', 'ab', 'x'.repeat(31), 'has space', '-leading', 'ünïcode']) {
      const error = await failure(owner.sdk.channels.create({ handle: bad, title: 'T' }));
      expect(error.status).toBe(400);
      expect(error.code).toBe('invalid_request');
    }
    expect((await failure(owner.sdk.channels.create({ handle: handle(), title: '' }))).status).toBe(
      400,
    );
    const created = await owner.sdk.channels.create({ handle: handle(), title: 'T' });
    expect((await failure(owner.sdk.channels.update(created.channel_id, {}))).status).toBe(400);
    const list = await contractFetch(`${harness.url}/v1/channels?cursor=not-a-cursor`, {
      headers: { authorization: `Bearer ${owner.apiKey}` },
    });
    expect(list.status).toBe(400);
    expect(((await list.json()) as { code: string }).code).toBe('invalid_cursor');
    expect((await anonymous('/v1/channels/not-a-uuid')).status).toBe(400);
  });

  it("are none of another tenant's business", async () => {
    const mine = await owner.sdk.channels.create({ handle: handle(), title: 'Mine' });
    const theirs = await stranger.sdk.channels.list().all();
    expect(theirs.map((c) => c.channel_id)).not.toContain(mine.channel_id);
    expect(
      (await failure(stranger.sdk.channels.update(mine.channel_id, { title: 'Taken' }))).status,
    ).toBe(404);
    expect((await failure(stranger.sdk.channels.delete(mine.channel_id))).status).toBe(404);
    expect((await owner.sdk.channels.get(mine.channel_id)).title).toBe('Mine');
  });
});

describe('videos on channels', () => {
  it('are put on a channel at upload or later, and taken off when it goes', async () => {
    const channel = await owner.sdk.channels.create({ handle: handle(), title: 'Uploads' });
    const upload = await owner.sdk.uploads.create({ ...UPLOAD, channel_id: channel.channel_id });
    expect((await owner.sdk.videos.get(upload.video_id)).channel_id).toBe(channel.channel_id);

    const loose = await owner.sdk.uploads.create(UPLOAD);
    expect((await owner.sdk.videos.get(loose.video_id)).channel_id).toBeNull();
    const moved = await owner.sdk.videos.update(loose.video_id, {
      channel_id: channel.channel_id,
    });
    expect(moved.channel_id).toBe(channel.channel_id);
    expect(
      (await owner.sdk.videos.update(loose.video_id, { channel_id: null })).channel_id,
    ).toBeNull();

    await owner.sdk.channels.delete(channel.channel_id);
    expect((await owner.sdk.videos.get(upload.video_id)).channel_id).toBeNull();
  });

  it("refuse another tenant's or a deleted channel with 404, leaving nothing behind", async () => {
    const { sdk } = await harness.tenant();
    const theirs = await stranger.sdk.channels.create({ handle: handle(), title: 'Theirs' });
    const onUpload = await failure(
      sdk.uploads.create({ ...UPLOAD, channel_id: theirs.channel_id }),
    );
    expect(onUpload.status).toBe(404);
    expect(await sdk.videos.list().all()).toEqual([]);

    const upload = await sdk.uploads.create(UPLOAD);
    const onPatch = await failure(
      sdk.videos.update(upload.video_id, { channel_id: theirs.channel_id, title: 'Changed' }),
    );
    expect(onPatch.status).toBe(404);
    const video = await sdk.videos.get(upload.video_id);
    expect(video.channel_id).toBeNull();
    expect(video.title).toBe(UPLOAD.filename);

    const gone = await sdk.channels.create({ handle: handle(), title: 'Gone' });
    await sdk.channels.delete(gone.channel_id);
    expect(
      (await failure(sdk.videos.update(upload.video_id, { channel_id: gone.channel_id }))).status,
    ).toBe(404);
    expect(
      (await failure(sdk.uploads.create({ ...UPLOAD, channel_id: gone.channel_id }))).status,
    ).toBe(404);
  });
});

describe('public channel pages', () => {
  it('show the channel and only its public, ready videos to anyone', async () => {
    const channel = await owner.sdk.channels.create({ handle: handle(), title: 'Public page' });
    const id = channel.channel_id;
    const shown = await addVideo(owner.tenantId, { channelId: id });
    await addVideo(owner.tenantId, { channelId: id, visibility: 'private' });
    await addVideo(owner.tenantId, { channelId: id, visibility: 'unlisted' });
    await addVideo(owner.tenantId, { channelId: id, status: 'processing', publishedAt: null });
    await addVideo(owner.tenantId, { channelId: id, deletedAt: new Date() });
    await addVideo(owner.tenantId, { channelId: null });

    const page = await anonymous(`/v1/channels/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual(channel);
    const listed = await anonymous(`/v1/channels/${id}/videos`);
    expect(listed.status).toBe(200);
    expect((listed.body.data as { video_id: string }[]).map((v) => v.video_id)).toEqual([shown]);
    expect(listed.body.next_cursor).toBeNull();
    // With an API key the page is the same: public content only.
    const withKey = await owner.sdk.channels.videos(id).all();
    expect(withKey.map((v) => v.video_id)).toEqual([shown]);

    await owner.sdk.channels.delete(id);
    expect((await anonymous(`/v1/channels/${id}`)).status).toBe(404);
    expect((await anonymous(`/v1/channels/${id}/videos`)).status).toBe(404);
    expect((await anonymous(`/v1/channels/${randomUUID()}`)).status).toBe(404);
  });

  it('sort newest or most viewed, page by page, each with its own cursor', async () => {
    const channel = await owner.sdk.channels.create({ handle: handle(), title: 'Sorted' });
    const id = channel.channel_id;
    const base = Date.now() - 60_000;
    const made: string[] = [];
    for (const [i, views] of [5, 50, 0, 20].entries()) {
      made.push(
        await addVideo(owner.tenantId, {
          channelId: id,
          viewCount: views,
          publishedAt: new Date(base + i * 1000),
        }),
      );
    }
    const walk = async (sort: string) => {
      const ids: string[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const { status, body } = await anonymous(`/v1/channels/${id}/videos${query}`);
        expect(status).toBe(200);
        ids.push((body.data as { video_id: string }[]).map((v) => v.video_id));
        cursor = body.next_cursor as string | null;
      } while (cursor);
      return ids;
    };
    const [v5, v50, v0, v20] = made;
    expect(await walk('newest')).toEqual([[v20, v0, v50], [v5]]);
    expect(await walk('most_viewed')).toEqual([[v50, v20, v5], [v0]]);

    const first = await anonymous(`/v1/channels/${id}/videos?sort=newest&limit=1`);
    const otherSort = await anonymous(
      `/v1/channels/${id}/videos?sort=most_viewed&cursor=${first.body.next_cursor}`,
    );
    expect(otherSort.status).toBe(400);
    expect(otherSort.body.code).toBe('invalid_cursor');
    const garbage = await anonymous(`/v1/channels/${id}/videos?cursor=garbage`);
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('invalid_cursor');
  });
});

describe('search by channel', () => {
  it("finds only the channel's videos, and nothing for another tenant's channel", async () => {
    const word = `kiln${randomUUID().slice(0, 8)}`;
    const channel = await owner.sdk.channels.create({ handle: handle(), title: 'Pottery' });
    const on = await addVideo(owner.tenantId, {
      channelId: channel.channel_id,
      title: `${word} one`,
    });
    await addVideo(owner.tenantId, { channelId: null, title: `${word} two` });
    const search = async (key: string, query: string) => {
      const response = await contractFetch(`${harness.url}/v1/search?q=${word}${query}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { data: { video_id: string }[] }).data.map(
        (v) => v.video_id,
      );
    };
    expect(await search(owner.apiKey, '')).toHaveLength(2);
    expect(await search(owner.apiKey, `&channel_id=${channel.channel_id}`)).toEqual([on]);
    expect(await search(stranger.apiKey, `&channel_id=${channel.channel_id}`)).toEqual([]);
    const bad = await contractFetch(`${harness.url}/v1/search?q=${word}&channel_id=nope`, {
      headers: { authorization: `Bearer ${owner.apiKey}` },
    });
    expect(bad.status).toBe(400);
  });
});
