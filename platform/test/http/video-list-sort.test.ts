import { randomUUID } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let owner: { sdk: Reel; apiKey: string; tenantId: string };
let stranger: { sdk: Reel; apiKey: string; tenantId: string };

/** A video row as the publish role leaves it, with the views the counters role has counted. */
async function addVideo(
  tenantId: string,
  fields: Partial<typeof videos.$inferInsert> & { viewCount: number },
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

const list = async (apiKey: string, query: string) => {
  const response = await contractFetch(`${harness.url}/v1/videos?${query}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: { video_id: string }[];
      next_cursor?: string | null;
      code?: string;
    },
  };
};

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  owner = await harness.tenant();
  stranger = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('GET /v1/videos sorted and filtered', () => {
  let made: string[];

  beforeAll(async () => {
    const base = Date.now() - 60_000;
    made = [];
    for (const [i, views] of [5, 50, 0, 20].entries()) {
      made.push(
        await addVideo(owner.tenantId, { viewCount: views, createdAt: new Date(base + i * 1000) }),
      );
    }
    // An unlisted video with the most views, and a stranger's: neither on the public shelf.
    await addVideo(owner.tenantId, { viewCount: 999, visibility: 'unlisted' });
    await addVideo(stranger.tenantId, { viewCount: 500 });
  });

  const walk = async (query: string) => {
    const pages: string[][] = [];
    let cursor: string | null | undefined = null;
    do {
      const { status, body } = await list(
        owner.apiKey,
        `${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      pages.push((body.data ?? []).map((v) => v.video_id));
      cursor = body.next_cursor;
    } while (cursor);
    return pages;
  };

  it('lists the most viewed first, page by page, and newest first by default', async () => {
    const [v5, v50, v0, v20] = made;
    expect(await walk('status=ready&visibility=public&sort=most_viewed')).toEqual([
      [v50, v20, v5],
      [v0],
    ]);
    expect(await walk('visibility=public')).toEqual([[v20, v0, v50], [v5]]);
    const viaSdk = await owner.sdk.videos
      .list({ status: 'ready', visibility: 'public', sort: 'most_viewed' })
      .all();
    expect(viaSdk.map((v) => v.video_id)).toEqual([v50, v20, v5, v0]);
  });

  it('filters by visibility, and never shows another tenant’s videos', async () => {
    const unlisted = await walk('visibility=unlisted&sort=most_viewed');
    expect(unlisted.flat()).toHaveLength(1);
    const everything = (await walk('sort=most_viewed')).flat();
    expect(everything).toHaveLength(5);
    expect(everything.slice(1)).toEqual([made[1], made[3], made[0], made[2]]);
    const theirs = (await list(stranger.apiKey, 'sort=most_viewed')).body.data ?? [];
    expect(theirs.some((v) => made.includes(v.video_id))).toBe(false);
  });

  it('refuses another sort’s cursor, a forged one and a sort that is not one', async () => {
    const newest = await list(owner.apiKey, 'limit=1');
    const mostViewed = await list(owner.apiKey, 'sort=most_viewed&limit=1');
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const refused = [
      `sort=most_viewed&cursor=${newest.body.next_cursor}`,
      `sort=newest&cursor=${mostViewed.body.next_cursor}`,
      `sort=most_viewed&cursor=${forged(['m1', -1, new Date().toISOString(), randomUUID()])}`,
      `sort=most_viewed&cursor=${forged(['m1', 1e300, new Date().toISOString(), randomUUID()])}`,
      `sort=most_viewed&cursor=${forged(['m1', 3, 'not a time', randomUUID()])}`,
      `sort=most_viewed&cursor=${forged(['m1', 3, new Date().toISOString(), "'; drop"])}`,
    ];
    for (const query of refused) {
      const { status, body } = await list(owner.apiKey, query);
      expect(status, query).toBe(400);
      expect(body.code, query).toBe('invalid_cursor');
    }
    // Refused as the request is read, before any cursor is looked at.
    for (const query of ['sort=loudest', 'visibility=secret', 'sort=%00', 'cursor=%00']) {
      const { status } = await list(owner.apiKey, query);
      expect(status, query).toBe(400);
    }
  });
});
