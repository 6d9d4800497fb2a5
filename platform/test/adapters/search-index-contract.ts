import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  ChannelDocument,
  SearchDocument,
  SearchIndex,
  SearchQuery,
} from '../../src/ports/search-index.js';

/**
 * A search index under test, with the ways a video becomes searchable in that mode: the
 * embedded index reads the videos table, OpenSearch its own documents.
 */
export interface SearchFixture {
  index: SearchIndex;
  /** A new tenant id that exists wherever the adapter needs it. */
  newTenant(): Promise<string>;
  /** A new channel id of the tenant that exists wherever the adapter needs it. */
  newChannel(tenantId: string): Promise<string>;
  /** Makes `doc` a public, ready video and indexes it. */
  publish(doc: SearchDocument): Promise<void>;
  /** Sets a video's view count, as counting views and the index role's sync do. */
  viewed(videoId: string, views: number): Promise<void>;
  /** Makes the video unsearchable (deleted) and removes it from the index. */
  unpublish(videoId: string): Promise<void>;
  /** Makes `doc` a live channel (new or changed) and indexes it. */
  putChannel(doc: ChannelDocument): Promise<void>;
  /** Deletes the channel and removes it from the index. */
  deleteChannel(channelId: string): Promise<void>;
  /** Waits until writes are visible to searches. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const DAY = 86_400_000;

function doc(tenantId: string, fields: Partial<SearchDocument>): SearchDocument {
  return {
    videoId: randomUUID(),
    tenantId,
    title: 'Untitled',
    description: '',
    tags: [],
    language: null,
    channelId: null,
    durationSec: 10,
    publishedAt: new Date(),
    views: 0,
    ...fields,
  };
}

function channelDoc(tenantId: string, fields: Partial<ChannelDocument>): ChannelDocument {
  return {
    channelId: randomUUID(),
    tenantId,
    handle: `ch-${randomUUID().slice(0, 8)}`,
    title: 'Untitled',
    description: '',
    ...fields,
  };
}

/** What every SearchIndex adapter must do; run against each one. */
export function searchIndexContract(name: string, makeFixture: () => Promise<SearchFixture>) {
  describe(`SearchIndex contract: ${name}`, () => {
    it('ranks title over tags over description, scoped to the tenant', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const other = await f.newTenant();
      const inTitle = doc(tenant, { title: 'Sourdough starter guide' });
      const inTags = doc(tenant, { title: 'Morning routine', tags: ['sourdough', 'bread'] });
      const inDescription = doc(tenant, {
        title: 'Kitchen tour',
        description: 'I also show my sourdough',
      });
      const otherTenant = doc(other, { title: 'Sourdough for another tenant' });
      for (const d of [inDescription, inTags, inTitle, otherTenant]) await f.publish(d);
      await f.settle();
      const page = await f.index.search({
        tenantId: tenant,
        text: 'sourdough',
        sort: 'relevance',
        limit: 10,
      });
      expect(page.videoIds).toEqual([inTitle.videoId, inTags.videoId, inDescription.videoId]);
      expect(page.nextCursor).toBeNull();
      await f.close();
    });

    it('boosts recent videos among equal matches', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const old = doc(tenant, { title: 'Volcano', publishedAt: new Date(Date.now() - 400 * DAY) });
      const fresh = doc(tenant, { title: 'Volcano', publishedAt: new Date(Date.now() - DAY) });
      await f.publish(old);
      await f.publish(fresh);
      await f.settle();
      const page = await f.index.search({
        tenantId: tenant,
        text: 'volcano',
        sort: 'relevance',
        limit: 10,
      });
      expect(page.videoIds).toEqual([fresh.videoId, old.videoId]);
      await f.close();
    });

    it('filters by language, tags and duration, and sorts by newest', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const a = doc(tenant, {
        title: 'Guitar lesson one',
        language: 'en',
        tags: ['music', 'beginner'],
        durationSec: 60,
        publishedAt: new Date(Date.now() - 3 * DAY),
      });
      const b = doc(tenant, {
        title: 'Guitar lesson two',
        language: 'en',
        tags: ['music'],
        durationSec: 600,
        publishedAt: new Date(Date.now() - 2 * DAY),
      });
      const c = doc(tenant, {
        title: 'Lição de guitar',
        language: 'pt',
        tags: ['music', 'beginner'],
        durationSec: 90,
        publishedAt: new Date(Date.now() - DAY),
      });
      for (const d of [a, b, c]) await f.publish(d);
      await f.settle();
      const base: SearchQuery = { tenantId: tenant, text: 'guitar', sort: 'newest', limit: 10 };
      expect((await f.index.search(base)).videoIds).toEqual([c.videoId, b.videoId, a.videoId]);
      expect((await f.index.search({ ...base, language: 'en' })).videoIds).toEqual([
        b.videoId,
        a.videoId,
      ]);
      expect((await f.index.search({ ...base, tags: ['beginner'] })).videoIds).toEqual([
        c.videoId,
        a.videoId,
      ]);
      expect(
        (await f.index.search({ ...base, tags: ['beginner', 'music'], language: 'en' })).videoIds,
      ).toEqual([a.videoId]);
      expect(
        (await f.index.search({ ...base, minDurationSec: 80, maxDurationSec: 600 })).videoIds,
      ).toEqual([c.videoId, b.videoId]);
      expect((await f.index.search({ ...base, sort: 'most_viewed' })).videoIds).toHaveLength(3);
      await f.close();
    });

    for (const sort of ['relevance', 'newest', 'most_viewed'] as const) {
      it(`pages with a cursor without repeats or gaps (${sort})`, async () => {
        const f = await makeFixture();
        const tenant = await f.newTenant();
        const docs = Array.from({ length: 7 }, (_, i) =>
          doc(tenant, {
            title: i % 2 === 0 ? 'Comet comet' : 'Comet',
            description: `number ${i}`,
            publishedAt: new Date(Date.now() - i * DAY),
          }),
        );
        for (const d of docs) await f.publish(d);
        await f.settle();
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = await f.index.search({
            tenantId: tenant,
            text: 'comet',
            sort,
            limit: 3,
            cursor,
          });
          seen.push(...page.videoIds);
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect([...seen].sort()).toEqual(docs.map((d) => d.videoId).sort());
        await f.close();
      });
    }

    it('filters by channel', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const channel = await f.newChannel(tenant);
      const other = await f.newChannel(tenant);
      const on = doc(tenant, { title: 'Pottery wheel basics', channelId: channel });
      const elsewhere = doc(tenant, { title: 'Pottery glazes', channelId: other });
      const loose = doc(tenant, { title: 'Pottery kilns' });
      for (const d of [on, elsewhere, loose]) await f.publish(d);
      await f.settle();
      const base: SearchQuery = { tenantId: tenant, text: 'pottery', sort: 'newest', limit: 10 };
      expect((await f.index.search(base)).videoIds).toHaveLength(3);
      expect((await f.index.search({ ...base, channelId: channel })).videoIds).toEqual([
        on.videoId,
      ]);
      await f.close();
    });

    it('sorts by views once counts arrive, and skips counts for videos it does not hold', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const [a, b, c] = ['Harbour at dawn', 'Harbour at noon', 'Harbour at dusk'].map((title) =>
        doc(tenant, { title }),
      ) as [SearchDocument, SearchDocument, SearchDocument];
      for (const d of [a, b, c]) await f.publish(d);
      await f.viewed(b.videoId, 7);
      await f.viewed(c.videoId, 3);
      await f.index.updateViews([{ videoId: randomUUID(), views: 9 }]);
      await f.settle();
      const page = await f.index.search({
        tenantId: tenant,
        text: 'harbour',
        sort: 'most_viewed',
        limit: 10,
      });
      expect(page.videoIds).toEqual([b.videoId, c.videoId, a.videoId]);
      await f.close();
    });

    it('forgets removed videos', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const gone = doc(tenant, { title: 'Ephemeral clip' });
      await f.publish(gone);
      await f.settle();
      expect(
        (await f.index.search({ tenantId: tenant, text: 'ephemeral', sort: 'relevance', limit: 5 }))
          .videoIds,
      ).toEqual([gone.videoId]);
      await f.unpublish(gone.videoId);
      await f.index.remove(gone.videoId); // twice is fine
      await f.settle();
      expect(
        (await f.index.search({ tenantId: tenant, text: 'ephemeral', sort: 'relevance', limit: 5 }))
          .videoIds,
      ).toEqual([]);
      await f.close();
    });

    it('refuses a forged cursor or one from another sort with invalid_cursor', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      for (let i = 0; i < 3; i++) await f.publish(doc(tenant, { title: `Harbor ${i}` }));
      await f.settle();
      const first = await f.index.search({
        tenantId: tenant,
        text: 'harbor',
        sort: 'newest',
        limit: 1,
      });
      expect(first.nextCursor).toBeTruthy();
      const forged = [
        'not-a-cursor',
        Buffer.from('["s1","newest",1,["x; drop table videos",1]]').toString('base64url'),
        Buffer.from(JSON.stringify({ a: 1 })).toString('base64url'),
      ];
      for (const cursor of [...forged, first.nextCursor ?? '']) {
        const sort = cursor === first.nextCursor ? 'relevance' : 'newest';
        await expect(
          f.index.search({ tenantId: tenant, text: 'harbor', sort, limit: 1, cursor }),
        ).rejects.toMatchObject({ status: 400, code: 'invalid_cursor' });
      }
      await f.close();
    });

    it('finds channels by handle, title and description, handle and title first, per tenant', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const other = await f.newTenant();
      const byHandle = channelDoc(tenant, { handle: 'origami-lab', title: 'Paper folding' });
      const byTitle = channelDoc(tenant, { title: 'Origami every day' });
      const byDescription = channelDoc(tenant, {
        title: 'Crafts corner',
        description: 'Knitting, sewing and sometimes origami',
      });
      const elsewhere = channelDoc(other, { title: 'Origami for another tenant' });
      const unrelated = channelDoc(tenant, { title: 'Woodworking' });
      for (const c of [byDescription, unrelated, byTitle, elsewhere, byHandle])
        await f.putChannel(c);
      await f.settle();
      const page = await f.index.searchChannels({ tenantId: tenant, text: 'origami', limit: 10 });
      expect(page.channelIds).toHaveLength(3);
      expect(page.channelIds.at(-1)).toBe(byDescription.channelId);
      expect(page.channelIds.slice(0, 2).sort()).toEqual(
        [byHandle.channelId, byTitle.channelId].sort(),
      );
      expect(page.nextCursor).toBeNull();
      const both = await f.index.searchChannels({
        tenantId: tenant,
        text: 'paper folding',
        limit: 10,
      });
      expect(both.channelIds).toEqual([byHandle.channelId]);
      await f.close();
    });

    it('pages channels with a cursor without repeats or gaps', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const docs = Array.from({ length: 7 }, (_, i) =>
        channelDoc(tenant, {
          title: i % 2 === 0 ? 'Glacier glacier' : 'Glacier',
          description: `n ${i}`,
        }),
      );
      for (const c of docs) await f.putChannel(c);
      await f.settle();
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await f.index.searchChannels({
          tenantId: tenant,
          text: 'glacier',
          limit: 3,
          cursor,
        });
        seen.push(...page.channelIds);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect([...seen].sort()).toEqual(docs.map((c) => c.channelId).sort());
      await f.close();
    });

    it('follows a channel through changes and forgets it once deleted', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const channel = channelDoc(tenant, { title: 'Tundra walks' });
      await f.putChannel(channel);
      await f.putChannel(channel); // twice is fine
      await f.settle();
      const find = async (text: string) =>
        (await f.index.searchChannels({ tenantId: tenant, text, limit: 5 })).channelIds;
      expect(await find('tundra')).toEqual([channel.channelId]);
      await f.putChannel({ ...channel, title: 'Desert walks' });
      await f.settle();
      expect(await find('tundra')).toEqual([]);
      expect(await find('desert')).toEqual([channel.channelId]);
      await f.deleteChannel(channel.channelId);
      await f.index.removeChannel(channel.channelId); // twice is fine
      await f.index.removeChannel(randomUUID());
      await f.settle();
      expect(await find('desert')).toEqual([]);
      await f.close();
    });

    it('refuses a forged channel cursor, or a video search cursor, with invalid_cursor', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      for (let i = 0; i < 3; i++) await f.putChannel(channelDoc(tenant, { title: `Fjord ${i}` }));
      await f.publish(doc(tenant, { title: 'Fjord video' }));
      await f.publish(doc(tenant, { title: 'Fjord video two' }));
      await f.settle();
      const first = await f.index.searchChannels({ tenantId: tenant, text: 'fjord', limit: 1 });
      expect(first.nextCursor).toEqual(expect.any(String));
      const videos = await f.index.search({
        tenantId: tenant,
        text: 'fjord',
        sort: 'relevance',
        limit: 1,
      });
      const forged = [
        'garbage',
        Buffer.from(JSON.stringify(['s1', 'channels', 1, ['x', 'y']])).toString('base64url'),
        Buffer.from(JSON.stringify(['s1', 'channels', 1, [0.5, 'not-a-uuid']])).toString(
          'base64url',
        ),
        videos.nextCursor ?? '',
      ];
      for (const cursor of forged) {
        await expect(
          f.index.searchChannels({ tenantId: tenant, text: 'fjord', limit: 1, cursor }),
        ).rejects.toMatchObject({ status: 400, code: 'invalid_cursor' });
      }
      await f.close();
    });

    it('finds related videos: same channel and shared tags first, never the source, per tenant', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const other = await f.newTenant();
      const channel = await f.newChannel(tenant);
      const elsewhere = await f.newChannel(tenant);
      const source = doc(tenant, {
        title: 'Sourdough bread basics',
        tags: ['baking', 'bread'],
        channelId: channel,
      });
      const sameChannel = doc(tenant, {
        title: 'Sourdough at home',
        tags: ['bread'],
        channelId: channel,
      });
      const sharedTag = doc(tenant, {
        title: 'Sourdough rye',
        tags: ['bread'],
        channelId: elsewhere,
      });
      const titleWord = doc(tenant, { title: 'Sourdough pancakes' });
      const unrelated = doc(tenant, { title: 'Car repair', tags: ['cars'], channelId: elsewhere });
      const otherTenant = doc(other, { title: 'Sourdough bread basics', tags: ['bread'] });
      for (const d of [source, sameChannel, sharedTag, titleWord, unrelated, otherTenant]) {
        await f.publish(d);
      }
      await f.settle();
      const page = await f.index.related({ ...source, limit: 10 });
      expect(page.videoIds).toEqual([sameChannel.videoId, sharedTag.videoId, titleWord.videoId]);
      expect(page.nextCursor).toBeNull();
      // A source the index does not hold (unlisted, private) is matched on its fields alone.
      const unheld = await f.index.related({
        ...doc(tenant, { title: 'Pancakes', tags: [] }),
        limit: 10,
      });
      expect(unheld.videoIds).toEqual([titleWord.videoId]);
      const nothingShared = await f.index.related({
        ...doc(tenant, { title: '', tags: [] }),
        limit: 10,
      });
      expect(nothingShared.videoIds).toEqual([]);
      await f.close();
    });

    it('pages related videos with a cursor without repeats or gaps, and forgets removed ones', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const channel = await f.newChannel(tenant);
      const source = doc(tenant, { title: 'Tidal pools', tags: ['sea'], channelId: channel });
      const docs = Array.from({ length: 7 }, (_, i) =>
        doc(tenant, {
          title: i % 2 === 0 ? 'Tidal pools again' : `Creature ${i}`,
          tags: i % 3 === 0 ? ['sea'] : [],
          channelId: i % 2 === 1 ? channel : null,
        }),
      );
      for (const d of [source, ...docs]) await f.publish(d);
      await f.settle();
      const walk = async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = await f.index.related({ ...source, limit: 3, cursor });
          seen.push(...page.videoIds);
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        return seen;
      };
      const seen = await walk();
      expect(seen).toHaveLength(docs.length);
      expect([...seen].sort()).toEqual(docs.map((d) => d.videoId).sort());
      const [gone] = docs;
      await f.unpublish(gone?.videoId ?? '');
      await f.settle();
      expect(await walk()).not.toContain(gone?.videoId);
      await f.close();
    });

    it('refuses a forged related cursor, or a video search cursor, with invalid_cursor', async () => {
      const f = await makeFixture();
      const tenant = await f.newTenant();
      const source = doc(tenant, { title: 'Lantern festival' });
      for (let i = 0; i < 3; i++) await f.publish(doc(tenant, { title: `Lantern ${i}` }));
      await f.publish(source);
      await f.settle();
      const first = await f.index.related({ ...source, limit: 1 });
      expect(first.nextCursor).toEqual(expect.any(String));
      const search = await f.index.search({
        tenantId: tenant,
        text: 'lantern',
        sort: 'relevance',
        limit: 1,
      });
      const forged = [
        'garbage',
        '\u0000',
        Buffer.from(JSON.stringify(['s1', 'related', 1, ['x', 'y']])).toString('base64url'),
        Buffer.from(JSON.stringify(['s1', 'related', 1, [1e308, 'not-a-uuid']])).toString(
          'base64url',
        ),
        Buffer.from(JSON.stringify({ score: 1, vid: source.videoId })).toString('base64url'),
        search.nextCursor ?? '',
      ];
      for (const cursor of forged) {
        await expect(f.index.related({ ...source, limit: 1, cursor })).rejects.toMatchObject({
          status: 400,
          code: 'invalid_cursor',
        });
      }
      await f.close();
    });
  });
}
