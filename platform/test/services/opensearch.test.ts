import { Client } from '@opensearch-project/opensearch';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServicesEnv, uniqueName } from './services-env.js';

interface VideoDoc {
  tenant_id: string;
  title: string;
  published_at: string;
}

describe('OpenSearch from scripts/services', () => {
  const env = loadServicesEnv();
  const client = new Client({ node: env.opensearchUrl });
  const index = uniqueName('reel-test-videos');

  afterAll(async () => {
    await client.indices.delete({ index }).catch(() => undefined);
    await client.close();
  });

  it('answers as an OpenSearch 2 cluster', async () => {
    const { body } = await client.info();
    expect(body.version.distribution).toBe('opensearch');
    expect(body.version.number).toMatch(/^2\./);
  });

  it('creates an index with a multilingual title analyzer', async () => {
    const { body } = await client.indices.create({
      index,
      body: {
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          analysis: {
            // asciifolding comes from the analysis-common module: "Café" matches "cafe".
            analyzer: {
              title: {
                type: 'custom',
                tokenizer: 'standard',
                filter: ['lowercase', 'asciifolding'],
              },
            },
          },
        },
        mappings: {
          properties: {
            tenant_id: { type: 'keyword' },
            title: { type: 'text', analyzer: 'title' },
            published_at: { type: 'date' },
          },
        },
      },
    });
    expect(body.acknowledged).toBe(true);
  });

  it('finds indexed videos by title, scoped to a tenant', async () => {
    const docs: Array<[string, VideoDoc]> = [
      ['vid_1', { tenant_id: 'ten_a', title: 'Café au lait tutorial', published_at: '2026-01-01' }],
      ['vid_2', { tenant_id: 'ten_a', title: 'Espresso basics', published_at: '2026-01-02' }],
      ['vid_3', { tenant_id: 'ten_b', title: 'Cafe racer build', published_at: '2026-01-03' }],
    ];
    for (const [id, doc] of docs) {
      const { body } = await client.index({ index, id, body: doc });
      expect(body.result).toBe('created');
    }
    await client.indices.refresh({ index });

    const { body } = await client.search({
      index,
      body: {
        query: {
          bool: {
            must: { match: { title: 'cafe' } },
            filter: { term: { tenant_id: 'ten_a' } },
          },
        },
      },
    });
    expect(body.hits.hits.map((hit) => hit._id)).toEqual(['vid_1']);
  });

  it('deletes a tenant’s documents by query', async () => {
    const { body } = await client.deleteByQuery({
      index,
      refresh: true,
      body: { query: { term: { tenant_id: 'ten_a' } } },
    });
    // Without wait_for_completion=false the answer is the finished job, not a task id.
    expect('deleted' in body ? body.deleted : undefined).toBe(2);
    const { body: count } = await client.count({ index });
    expect(count.count).toBe(1);
  });
});
