import { Client } from '@opensearch-project/opensearch';
import { badRequest } from '../../domain/errors.js';
import { decodeSearchCursor, encodeSearchCursor } from '../../domain/search-cursor.js';
import { isUuid } from '../../domain/uuid.js';
import type {
  ChannelDocument,
  ChannelSearchPage,
  ChannelSearchQuery,
  RelatedQuery,
  SearchDocument,
  SearchIndex,
  SearchPage,
  SearchQuery,
} from '../../ports/search-index.js';

/** Settings and mappings of the videos index; a change needs a new index name (and a reindex). */
const INDEX_BODY = {
  settings: {
    number_of_shards: 1,
    number_of_replicas: 0,
    analysis: {
      analyzer: {
        // Any language: split on Unicode word boundaries, fold case and accents ("Café" = "cafe").
        reel_text: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
      },
      normalizer: {
        reel_keyword: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
      },
    },
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      video_id: { type: 'keyword' },
      tenant_id: { type: 'keyword' },
      title: { type: 'text', analyzer: 'reel_text' },
      description: { type: 'text', analyzer: 'reel_text' },
      tags: {
        type: 'text',
        analyzer: 'reel_text',
        fields: { exact: { type: 'keyword', normalizer: 'reel_keyword' } },
      },
      language: { type: 'keyword' },
      channel_id: { type: 'keyword' },
      duration_sec: { type: 'float' },
      published_at: { type: 'date' },
      views: { type: 'long' },
    },
  },
};

/** The channels index: handle and title searched as words, the handle also as a whole. */
const CHANNEL_INDEX_BODY = {
  settings: INDEX_BODY.settings,
  mappings: {
    dynamic: 'strict',
    properties: {
      channel_id: { type: 'keyword' },
      tenant_id: { type: 'keyword' },
      handle: {
        type: 'text',
        analyzer: 'reel_text',
        fields: { exact: { type: 'keyword', normalizer: 'reel_keyword' } },
      },
      title: { type: 'text', analyzer: 'reel_text' },
      description: { type: 'text', analyzer: 'reel_text' },
    },
  },
};

/**
 * Search on OpenSearch: one index of public, ready videos and one of channels, filtered by tenant on every query.
 * Matches `title^3, tags^2, description`, multiplies by a recency decay around the query's own
 * instant (kept in the cursor, so pages agree), and pages with `search_after`.
 */
/** One page of a scored search asked for `limit + 1` hits, and the cursor past it, if any. */
function pageOfHits(
  body: { hits: { hits?: unknown[] } },
  limit: number,
  sort: 'channels' | 'related',
) {
  const hits = (body.hits.hits ?? []) as { _id: string; sort?: (string | number)[] }[];
  const page = hits.slice(0, limit);
  const last = page.at(-1);
  return {
    ids: page.map((h) => h._id),
    nextCursor:
      hits.length > limit && last?.sort
        ? encodeSearchCursor({ sort, asOf: Date.now(), after: last.sort })
        : null,
  };
}

export class OpenSearchIndex implements SearchIndex {
  readonly name = 'opensearch';
  private readonly client: Client;
  /** Each index's preparation, once per process (a failed one is tried again). */
  private readonly prepared = new Map<string, Promise<void>>();

  constructor(
    url: string,
    private readonly index = 'reel-videos-v1',
    private readonly channelIndex = 'reel-channels-v1',
  ) {
    this.client = new Client({ node: url, requestTimeout: 5_000 });
  }

  private ensureChannelIndex(): Promise<void> {
    return this.prepare(this.channelIndex, CHANNEL_INDEX_BODY);
  }

  async upsertChannel(doc: ChannelDocument): Promise<void> {
    await this.ensureChannelIndex();
    await this.client.index({
      index: this.channelIndex,
      id: doc.channelId,
      body: {
        channel_id: doc.channelId,
        tenant_id: doc.tenantId,
        handle: doc.handle,
        title: doc.title,
        description: doc.description,
      },
    });
  }

  async removeChannel(channelId: string): Promise<void> {
    await this.ensureChannelIndex();
    try {
      await this.client.delete({ index: this.channelIndex, id: channelId });
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 404) throw error;
    }
  }

  async searchChannels(query: ChannelSearchQuery): Promise<ChannelSearchPage> {
    await this.ensureChannelIndex();
    const after = query.cursor ? decodeSearchCursor(query.cursor, 'channels', 2).after : undefined;
    if (after && (typeof after[0] !== 'number' || !isUuid(after[1]))) {
      throw invalidCursor();
    }
    const { body } = await this.client.search({
      index: this.channelIndex,
      body: {
        size: query.limit + 1,
        track_total_hits: false,
        _source: false,
        query: {
          bool: {
            must: {
              simple_query_string: {
                query: query.text,
                fields: ['handle^3', 'title^3', 'description'],
                default_operator: 'and',
                flags: 'AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|ESCAPE',
              },
            },
            // The whole handle typed as one word ranks its channel first.
            should: { term: { 'handle.exact': query.text } },
            filter: { term: { tenant_id: query.tenantId } },
          },
        },
        sort: [{ _score: 'desc' }, { channel_id: 'desc' }],
        ...(after && { search_after: after }),
      } as never,
    });
    const page = pageOfHits(body, query.limit, 'channels');
    return { channelIds: page.ids, nextCursor: page.nextCursor };
  }

  private ensureIndex(): Promise<void> {
    return this.prepare(this.index, INDEX_BODY);
  }

  /**
   * Creates an index once per process, or adds to an existing one the fields added since it
   * was made (channel_id); another process creating it first is fine.
   */
  private prepare(index: string, body: { mappings: { properties: object } }): Promise<void> {
    const ready =
      this.prepared.get(index) ??
      (async () => {
        if ((await this.client.indices.exists({ index })).body) {
          await this.client.indices.putMapping({
            index,
            body: { properties: body.mappings.properties } as never,
          });
          return;
        }
        try {
          await this.client.indices.create({ index, body: body as never });
        } catch (error) {
          if (!/resource_already_exists/.test(String(error))) throw error;
        }
      })().catch((error: unknown) => {
        this.prepared.delete(index);
        throw error;
      });
    this.prepared.set(index, ready);
    return ready;
  }

  async upsert(doc: SearchDocument): Promise<void> {
    await this.ensureIndex();
    await this.client.index({
      index: this.index,
      id: doc.videoId,
      body: {
        video_id: doc.videoId,
        tenant_id: doc.tenantId,
        title: doc.title,
        description: doc.description,
        tags: doc.tags,
        language: doc.language,
        channel_id: doc.channelId,
        duration_sec: doc.durationSec,
        published_at: doc.publishedAt.toISOString(),
        views: doc.views,
      },
    });
  }

  async updateViews(counts: readonly { videoId: string; views: number }[]): Promise<void> {
    if (counts.length === 0) return;
    await this.ensureIndex();
    const response = await this.client.bulk({
      body: counts.flatMap(({ videoId, views }) => [
        { update: { _index: this.index, _id: videoId } },
        { doc: { views } },
      ]),
    });
    // A video that left the index (unpublished, deleted) has no document to update: fine.
    const failed = (
      response.body.items as { update?: { status: number; error?: unknown } }[]
    ).filter((item) => item.update?.error && item.update.status !== 404);
    if (failed.length > 0) {
      throw new Error(`updating views failed: ${JSON.stringify(failed[0]?.update?.error)}`);
    }
  }

  async remove(videoId: string): Promise<void> {
    await this.ensureIndex();
    try {
      await this.client.delete({ index: this.index, id: videoId });
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 404) throw error;
    }
  }

  /** Makes recent writes searchable now (tests; the index refreshes every second anyway). */
  async refresh(): Promise<void> {
    await this.ensureIndex();
    await this.ensureChannelIndex();
    await this.client.indices.refresh({ index: [this.index, this.channelIndex] });
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    await this.ensureIndex();
    const width = query.sort === 'most_viewed' ? 3 : 2;
    const position = query.cursor ? decodeSearchCursor(query.cursor, query.sort, width) : undefined;
    const asOf = position?.asOf ?? Date.now();
    const after = position?.after;
    if (after && !isUuid(after.at(-1))) throw invalidCursor();
    if (after && query.sort === 'relevance' && typeof after[0] !== 'number') throw invalidCursor();
    if (after && query.sort !== 'relevance' && typeof after[0] !== 'number') throw invalidCursor();

    const filter: unknown[] = [{ term: { tenant_id: query.tenantId } }];
    if (query.language) filter.push({ term: { language: query.language } });
    if (query.channelId) filter.push({ term: { channel_id: query.channelId } });
    for (const tag of query.tags ?? []) filter.push({ term: { 'tags.exact': tag } });
    if (query.minDurationSec !== undefined || query.maxDurationSec !== undefined) {
      filter.push({
        range: {
          duration_sec: {
            ...(query.minDurationSec !== undefined && { gte: query.minDurationSec }),
            ...(query.maxDurationSec !== undefined && { lte: query.maxDurationSec }),
          },
        },
      });
    }
    const sort =
      query.sort === 'relevance'
        ? [{ _score: 'desc' }, { video_id: 'desc' }]
        : query.sort === 'newest'
          ? [{ published_at: 'desc' }, { video_id: 'desc' }]
          : [{ views: 'desc' }, { published_at: 'desc' }, { video_id: 'desc' }];

    const { body } = await this.client.search({
      index: this.index,
      body: {
        size: query.limit + 1,
        track_total_hits: false,
        _source: false,
        query: {
          function_score: {
            query: {
              bool: {
                must: {
                  simple_query_string: {
                    query: query.text,
                    fields: ['title^3', 'tags^2', 'description'],
                    default_operator: 'and',
                    flags: 'AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|ESCAPE',
                  },
                },
                filter,
              },
            },
            // 1 + a decay that halves over 30 days: new videos rise, old ones still match.
            functions: [
              { weight: 1 },
              {
                gauss: {
                  published_at: {
                    origin: new Date(asOf).toISOString(),
                    scale: '30d',
                    decay: 0.5,
                  },
                },
              },
            ],
            score_mode: 'sum',
            boost_mode: 'multiply',
          },
        },
        sort,
        ...(after && { search_after: after }),
      } as never,
    });
    const hits = (body.hits.hits ?? []) as { _id: string; sort?: (string | number)[] }[];
    const page = hits.slice(0, query.limit);
    const last = page.at(-1);
    return {
      videoIds: page.map((h) => h._id),
      nextCursor:
        hits.length > query.limit && last?.sort
          ? encodeSearchCursor({ sort: query.sort, asOf, after: last.sort })
          : null,
    };
  }

  /**
   * Related videos as the Postgres index ranks them: the same channel (boost 4), each shared tag
   * (2), and `more_like_this` over title and tags for the words they share.
   */
  async related(query: RelatedQuery): Promise<SearchPage> {
    await this.ensureIndex();
    const after = query.cursor ? decodeSearchCursor(query.cursor, 'related', 2).after : undefined;
    if (after && (typeof after[0] !== 'number' || !isUuid(after[1]))) {
      throw invalidCursor();
    }
    const words = [query.title, ...query.tags].join(' ').trim();
    const should: unknown[] = [
      ...(query.channelId ? [{ term: { channel_id: { value: query.channelId, boost: 4 } } }] : []),
      ...query.tags.map((tag) => ({ term: { 'tags.exact': { value: tag, boost: 2 } } })),
      ...(words
        ? [
            {
              more_like_this: {
                fields: ['title', 'tags'],
                like: words,
                // A tenant's catalogue can be small: a word seen once still counts.
                min_term_freq: 1,
                min_doc_freq: 1,
                max_query_terms: 25,
                minimum_should_match: '1',
              },
            },
          ]
        : []),
    ];
    if (should.length === 0) return { videoIds: [], nextCursor: null };
    const { body } = await this.client.search({
      index: this.index,
      body: {
        size: query.limit + 1,
        track_total_hits: false,
        _source: false,
        query: {
          bool: {
            should,
            minimum_should_match: 1,
            filter: { term: { tenant_id: query.tenantId } },
            must_not: { ids: { values: [query.videoId] } },
          },
        },
        sort: [{ _score: 'desc' }, { video_id: 'desc' }],
        ...(after && { search_after: after }),
      } as never,
    });
    const page = pageOfHits(body, query.limit, 'related');
    return { videoIds: page.ids, nextCursor: page.nextCursor };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

const invalidCursor = () =>
  badRequest(
    'invalid_cursor',
    'The cursor is not one this search returned; start again without it',
  );
