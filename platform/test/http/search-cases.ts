import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { searchIndexWorker } from '../../src/workers/search-indexer.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * `GET /v1/search` over HTTP, in any mode: videos are written as rows and indexed by the
 * indexer's handler, as a `video.published` would.
 */
export function searchApiCases() {
  let harness: Harness;
  let apiKey: string;
  let otherKey: string;
  let tenantId: string;
  let otherTenantId: string;

  const search = async (query: string, key = apiKey) => {
    const response = await fetch(`${harness.url}/v1/search?${query}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const addVideo = async (
    tenant: string,
    fields: Partial<typeof videos.$inferInsert> & { title: string },
  ) => {
    const id = randomUUID();
    await harness.reel.ctx.database.db.insert(videos).values({
      id,
      tenantId: tenant,
      status: 'ready',
      originalKey: `raw-uploads/${id}/original`,
      publishedAt: new Date(),
      durationSec: 30,
      ...fields,
    });
    await searchIndexWorker(harness.reel.ctx)({
      event: {
        eventId: randomUUID(),
        topic: 'video.published',
        key: id,
        tenantId: tenant,
        payload: {},
        emittedAt: new Date(),
      },
      attempt: 1,
      extendLease: async () => {},
    });
    return id;
  };

  const until = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('search never caught up');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    harness = await startHarness({ roles: [] });
    ({ apiKey, tenantId } = await harness.tenant());
    ({ apiKey: otherKey, tenantId: otherTenantId } = await harness.tenant());
  });
  afterAll(() => harness?.stop());

  describe('GET /v1/search', () => {
    it('finds only public, ready videos of the caller’s tenant', async () => {
      const word = `zebra${randomUUID().slice(0, 8)}`;
      const shown = await addVideo(tenantId, { title: `A ${word} at dawn`, tags: ['wildlife'] });
      await addVideo(tenantId, { title: `Private ${word}`, visibility: 'private' });
      await addVideo(tenantId, { title: `Unlisted ${word}`, visibility: 'unlisted' });
      await addVideo(tenantId, {
        title: `Processing ${word}`,
        status: 'processing',
        publishedAt: null,
      });
      await addVideo(otherTenantId, { title: `Other tenant ${word}` });
      // OpenSearch makes writes searchable within a second: wait for both tenants' documents.
      for (const key of [apiKey, otherKey]) {
        await until(
          async () => ((await search(`q=${word}`, key)).body.data as unknown[])?.length > 0,
        );
      }
      const { status, body } = await search(`q=${word}`);
      expect(status).toBe(200);
      expect((body.data as { video_id: string }[]).map((v) => v.video_id)).toEqual([shown]);
      expect(body.next_cursor).toBeNull();
      const filtered = await search(`q=${word}&tags=wildlife&sort=newest&min_duration_sec=10`);
      expect((filtered.body.data as unknown[]).length).toBe(1);
      const other = await search(`q=${word}`, otherKey);
      expect((other.body.data as unknown[]).length).toBe(1);
      expect((other.body.data as { video_id: string }[])[0]?.video_id).not.toBe(shown);
    });

    it('answers bad input with 400 and a clear {code, message}', async () => {
      const cases = [
        'q=',
        'q=%20%20%20',
        `q=${'a'.repeat(1024)}`,
        'sort=loudest&q=cat',
        'q=cat&language=not%20a%20language',
        'q=cat&cursor=forged',
        `q=cat&cursor=${Buffer.from('["s1","relevance",1,["1e309","x"]]').toString('base64url')}`,
        'q=cat&min_duration_sec=60&max_duration_sec=10',
        'q=cat&min_duration_sec=-1',
        'q=cat&limit=1000',
        `q=cat&tags=${Array.from({ length: 11 }, (_, i) => `t${i}`).join(',')}`,
        'q=cat&tags=,,,',
        'q=%22unbalanced&sort=newest',
      ];
      for (const query of cases) {
        const { status, body } = await search(query);
        if (query.startsWith('q=%22unbalanced')) {
          // What people type is never an error, even with a stray quote.
          expect(status, query).toBe(200);
          continue;
        }
        expect(status, query).toBe(400);
        expect(typeof body.code, query).toBe('string');
        expect(String(body.message).length, query).toBeGreaterThan(5);
      }
      expect((await search('')).status).toBe(400);
    });

    it('needs a credential', async () => {
      const response = await fetch(`${harness.url}/v1/search?q=cat`);
      expect(response.status).toBe(401);
    });
  });
}
