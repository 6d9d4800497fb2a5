import { randomUUID } from 'node:crypto';
import type { Channel, Reel } from '@reel/sdk';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

/**
 * `GET /v1/search/channels` over HTTP, in any mode: channels are made, changed and deleted
 * through the API, and the index role running beside it sends them to the search index.
 */
export function channelSearchCases() {
  let harness: Harness;
  let owner: { sdk: Reel; apiKey: string; tenantId: string };
  let stranger: { sdk: Reel; apiKey: string; tenantId: string };

  beforeAll(async () => {
    harness = await startHarness({ roles: ['index'] });
    owner = await harness.tenant();
    stranger = await harness.tenant();
  });
  afterAll(async () => {
    await harness?.stop();
    expect(violations).toEqual([]);
  });

  const search = async (query: string, apiKey: string | null = owner.apiKey) => {
    const response = await contractFetch(`${harness.url}/v1/search/channels?${query}`, {
      headers: apiKey === null ? {} : { authorization: `Bearer ${apiKey}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ids = async (q: string, apiKey = owner.apiKey) =>
    ((await search(`q=${encodeURIComponent(q)}`, apiKey)).body.data as Channel[]).map(
      (c) => c.channel_id,
    );
  /** Waits until searching `q` finds exactly `expected`, in that order. */
  const untilFound = (q: string, expected: string[]) =>
    until(`search for ${q} to find ${expected.length}`, async () => {
      const found = await ids(q);
      return JSON.stringify(found) === JSON.stringify(expected);
    });
  const handle = (name: string) => `${name}-${randomUUID().slice(0, 6)}`;

  describe('GET /v1/search/channels', () => {
    it("finds the caller's channels by handle, title and description, best first", async () => {
      const word = `nebula${randomUUID().slice(0, 6)}`;
      const described = await owner.sdk.channels.create({
        handle: handle('sky'),
        title: 'Night sky',
        description: `Tonight: the ${word} in Orion`,
      });
      const titled = await owner.sdk.channels.create({
        handle: handle('astro'),
        title: `The ${word} channel`,
      });
      await stranger.sdk.channels.create({ handle: handle('other'), title: `Another ${word}` });
      await untilFound(word, [titled.channel_id, described.channel_id]);
      const { body } = await search(`q=${word}`);
      expect(body.next_cursor).toBeNull();
      expect((body.data as Channel[])[0]).toMatchObject({
        channel_id: titled.channel_id,
        handle: titled.handle,
        avatar_url: null,
      });
      // By its handle too, as one word or its parts.
      expect(await ids(titled.handle)).toEqual([titled.channel_id]);
      // Another tenant finds only its own.
      expect(await ids(word, stranger.apiKey)).toHaveLength(1);
      expect(await ids(word, stranger.apiKey)).not.toContain(titled.channel_id);
    });

    it('follows changes and deletions, and the index role records what it sent', async () => {
      const before = `glade${randomUUID().slice(0, 6)}`;
      const after = `canyon${randomUUID().slice(0, 6)}`;
      const channel = await owner.sdk.channels.create({ handle: handle('walks'), title: before });
      await untilFound(before, [channel.channel_id]);
      await owner.sdk.channels.update(channel.channel_id, { title: `${after} trails` });
      await untilFound(after, [channel.channel_id]);
      await untilFound(before, []);
      const indexed = await until('the channel to be marked indexed', async () => {
        const [row] = await harness.reel.ctx.database.db
          .select()
          .from(channels)
          .where(eq(channels.id, channel.channel_id));
        return row && row.searchIndexedAt?.getTime() === row.updatedAt.getTime() ? row : undefined;
      });
      expect(indexed.title).toBe(`${after} trails`);
      await owner.sdk.channels.delete(channel.channel_id);
      await untilFound(after, []);
    });

    it('pages with a cursor, without repeats or gaps', async () => {
      const word = `delta${randomUUID().slice(0, 6)}`;
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(
          (
            await owner.sdk.channels.create({
              handle: handle('river'),
              title: i % 2 ? `${word} ${word}` : word,
            })
          ).channel_id,
        );
      }
      await until('all five to be searchable', async () => (await ids(word)).length === 5);
      const seen: string[] = [];
      let cursor = '';
      for (let pages = 0; pages < 5; pages++) {
        const { status, body } = await search(`q=${word}&limit=2${cursor}`);
        expect(status).toBe(200);
        seen.push(...(body.data as Channel[]).map((c) => c.channel_id));
        if (!body.next_cursor) break;
        cursor = `&cursor=${encodeURIComponent(String(body.next_cursor))}`;
      }
      expect(seen.sort()).toEqual(made.sort());
      expect((await owner.sdk.channels.search(word, { limit: 2 }).all()).length).toBe(5);
    });

    it('refuses bad input with clear errors', async () => {
      const videoPage = await contractFetch(`${harness.url}/v1/search?q=anything`, {
        headers: { authorization: `Bearer ${owner.apiKey}` },
      });
      expect(videoPage.status).toBe(200);
      const cases: [string, number, string][] = [
        ['q=%20%20', 400, 'invalid_query'],
        ['', 400, 'invalid_request'],
        [`q=${'x'.repeat(201)}`, 400, 'invalid_request'],
        ['q=a&limit=0', 400, 'invalid_request'],
        ['q=a&limit=101', 400, 'invalid_request'],
        ['q=a&limit=1e308', 400, 'invalid_request'],
        ['q=a%00b', 400, 'invalid_request'],
        ['q=a&cursor=garbage', 400, 'invalid_cursor'],
        [
          `q=a&cursor=${Buffer.from(JSON.stringify(['s1', 'relevance', 1, [0.1, randomUUID()]])).toString('base64url')}`,
          400,
          'invalid_cursor',
        ],
        [
          `q=a&cursor=${Buffer.from(JSON.stringify(['s1', 'channels', 1, ['0.1', 'x']])).toString('base64url')}`,
          400,
          'invalid_cursor',
        ],
      ];
      for (const [query, status, code] of cases) {
        const answer = await search(query);
        expect({ query, status: answer.status, code: answer.body.code }).toEqual({
          query,
          status,
          code,
        });
      }
      expect((await search('q=a', null)).status).toBe(401);
      expect((await search('q=a', 'reel_sk_forged')).status).toBe(401);
    });
  });
}
