import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { badRequest } from '../../domain/errors.js';
import { decodeSearchCursor, encodeSearchCursor } from '../../domain/search-cursor.js';
import { isUuid } from '../../domain/uuid.js';
import type {
  ChannelSearchPage,
  ChannelSearchQuery,
  RelatedQuery,
  SearchIndex,
  SearchPage,
  SearchQuery,
} from '../../ports/search-index.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** The recency boost halves a match's weight over about this long. */
const RECENCY_DAYS = 30;

/** The tenant's videos that search and related videos may show: public, ready, published, live. */
const searchableVideosOf = (tenantId: string): SQL[] => [
  sql`v.tenant_id = ${tenantId}`,
  sql`v.status = 'ready'`,
  sql`v.visibility = 'public'`,
  // Age-restricted videos stay out, as the OpenSearch index never receives them.
  sql`v.age_restriction is null`,
  sql`v.deleted_at is null`,
  sql`v.published_at is not null`,
];

/**
 * Embedded search: Postgres full-text search over the videos table itself, through the
 * generated `search_vector` column (title A, tags B, description C) and its GIN index.
 * `websearch_to_tsquery` reads what users type; `ts_rank` times a recency boost ranks; pages
 * continue with a keyset on the sort values. The table is the index, so upsert and remove
 * have nothing to do: a video is searchable the moment it is public and ready. Channels are
 * searched the same way, through `channels.search_vector` (handle and title A, description C).
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly name = 'postgres-fts';

  constructor(private readonly db: Db) {}

  async upsert(): Promise<void> {}

  async remove(): Promise<void> {}

  /** Reads `videos.view_count` itself. */
  async updateViews(): Promise<void> {}

  async search(query: SearchQuery): Promise<SearchPage> {
    const width = query.sort === 'relevance' ? 2 : query.sort === 'newest' ? 2 : 3;
    const position = query.cursor ? decodeSearchCursor(query.cursor, query.sort, width) : undefined;
    const asOf = position?.asOf ?? Date.now();
    const after = position?.after;
    const tsquery = sql`websearch_to_tsquery('simple', ${query.text})`;
    // Days since publication, against the query's fixed instant so every page agrees.
    const age = sql`greatest(0, extract(epoch from (to_timestamp(${asOf / 1000}) - v.published_at)) / 86400)`;
    const score = sql`(ts_rank(v.search_vector, ${tsquery}) * (1 + 1 / (1 + ${age} / ${RECENCY_DAYS})))::float8`;
    const views = sql`v.view_count`;

    const filters: SQL[] = [
      ...searchableVideosOf(query.tenantId),
      sql`v.search_vector @@ ${tsquery}`,
    ];
    if (query.language) filters.push(sql`v.language = ${query.language}`);
    if (query.channelId) filters.push(sql`v.channel_id = ${query.channelId}`);
    if (query.tags?.length) filters.push(sql`v.tags @> ${JSON.stringify(query.tags)}::jsonb`);
    if (query.minDurationSec !== undefined)
      filters.push(sql`v.duration_sec >= ${query.minDurationSec}`);
    if (query.maxDurationSec !== undefined)
      filters.push(sql`v.duration_sec <= ${query.maxDurationSec}`);

    const id = (value: unknown) => {
      if (!isUuid(value)) throw invalidCursor();
      return value;
    };
    const instant = (value: unknown) => {
      if (typeof value !== 'string' || !ISO.test(value)) throw invalidCursor();
      return value;
    };
    const number = (value: unknown) => {
      if (typeof value !== 'number') throw invalidCursor();
      return value;
    };

    let order: SQL;
    let sortValues: SQL;
    if (query.sort === 'relevance') {
      order = sql`score desc, v.id desc`;
      sortValues = sql`${score} as score`;
      if (after)
        filters.push(sql`(${score}, v.id) < (${number(after[0])}::float8, ${id(after[1])}::uuid)`);
    } else if (query.sort === 'newest') {
      order = sql`v.published_at desc, v.id desc`;
      sortValues = sql`0::float8 as score`;
      if (after)
        filters.push(
          sql`(v.published_at, v.id) < (${instant(after[0])}::timestamptz, ${id(after[1])}::uuid)`,
        );
    } else {
      order = sql`views desc, v.published_at desc, v.id desc`;
      sortValues = sql`0::float8 as score`;
      if (after)
        filters.push(
          sql`(${views}, v.published_at, v.id) < (${number(after[0])}::bigint, ${instant(after[1])}::timestamptz, ${id(after[2])}::uuid)`,
        );
    }

    const result = await this.db.execute<{
      id: string;
      score: number;
      published_at: string;
      views: number;
    }>(sql`
      select v.id, ${sortValues}, ${views} as views,
             to_char(v.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as published_at
        from videos v
       where ${sql.join(filters, sql` and `)}
       order by ${order}
       limit ${query.limit + 1}`);
    const rows = result.rows;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    let nextCursor: string | null = null;
    if (rows.length > query.limit && last) {
      const values =
        query.sort === 'relevance'
          ? [Number(last.score), last.id]
          : query.sort === 'newest'
            ? [last.published_at, last.id]
            : [Number(last.views), last.published_at, last.id];
      nextCursor = encodeSearchCursor({ sort: query.sort, asOf, after: values });
    }
    return { videoIds: page.map((r) => r.id), nextCursor };
  }

  /**
   * Similarity as a sum: the same channel 4, each shared tag 2, plus how well the video's words
   * match any word of the source's title and tags (`ts_rank`, under 1). Candidates come from the
   * channel index and the GIN index; pages continue with a keyset on `(score, id)`.
   */
  async related(query: RelatedQuery): Promise<SearchPage> {
    const after = query.cursor ? decodeSearchCursor(query.cursor, 'related', 2).after : undefined;
    // Any one of the words matches: plainto_tsquery joins them with &, the feed wants |.
    const words = [query.title, ...query.tags].join(' ');
    const tsquery = sql`replace(plainto_tsquery('simple', ${words})::text, ' & ', ' | ')::tsquery`;
    const tags = JSON.stringify(query.tags.map((t) => t.toLowerCase()));
    const sameChannel = query.channelId
      ? sql`(case when v.channel_id = ${query.channelId}::uuid then 4 else 0 end)`
      : sql`0`;
    const sharedTags = sql`(select count(*) from jsonb_array_elements_text(v.tags) t
                             where lower(t) in (select jsonb_array_elements_text(${tags}::jsonb)))`;
    const score = sql`(${sameChannel} + 2 * ${sharedTags} + ts_rank(v.search_vector, ${tsquery}))::float8`;
    const candidates = query.channelId
      ? sql`(v.channel_id = ${query.channelId}::uuid or v.search_vector @@ ${tsquery})`
      : sql`v.search_vector @@ ${tsquery}`;
    const filters: SQL[] = [
      ...searchableVideosOf(query.tenantId),
      sql`v.id <> ${query.videoId}::uuid`,
      candidates,
    ];
    const page = await this.byScore(
      { from: sql`videos v`, id: sql`v.id`, score, filters },
      query.limit,
      after,
      'related',
    );
    return { videoIds: page.ids, nextCursor: page.nextCursor };
  }

  /**
   * One page of `from` ordered by `score`, best first, continuing after the `(score, id)` a
   * cursor of `sort` holds: the keyset both scored searches (related videos, channels) page by.
   */
  private async byScore(
    query: { from: SQL; id: SQL; score: SQL; filters: SQL[] },
    limit: number,
    after: unknown[] | undefined,
    sort: 'related' | 'channels',
  ): Promise<{ ids: string[]; nextCursor: string | null }> {
    const filters = [...query.filters];
    if (after) {
      const [lastScore, lastId] = after;
      if (typeof lastScore !== 'number' || !isUuid(lastId)) throw invalidCursor();
      filters.push(sql`(${query.score}, ${query.id}) < (${lastScore}::float8, ${lastId}::uuid)`);
    }
    const { rows } = await this.db.execute<{ id: string; score: number }>(sql`
      select ${query.id} as id, ${query.score} as score
        from ${query.from}
       where ${sql.join(filters, sql` and `)}
       order by score desc, id desc
       limit ${limit + 1}`);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      ids: page.map((r) => r.id),
      nextCursor:
        rows.length > limit && last
          ? encodeSearchCursor({ sort, asOf: Date.now(), after: [Number(last.score), last.id] })
          : null,
    };
  }

  async upsertChannel(): Promise<void> {}

  async removeChannel(): Promise<void> {}

  async searchChannels(query: ChannelSearchQuery): Promise<ChannelSearchPage> {
    const after = query.cursor ? decodeSearchCursor(query.cursor, 'channels', 2).after : undefined;
    const tsquery = sql`websearch_to_tsquery('simple', ${query.text})`;
    const score = sql`ts_rank(c.search_vector, ${tsquery})::float8`;
    const filters: SQL[] = [
      sql`c.tenant_id = ${query.tenantId}`,
      sql`c.deleted_at is null`,
      sql`c.search_vector @@ ${tsquery}`,
    ];
    const page = await this.byScore(
      { from: sql`channels c`, id: sql`c.id`, score, filters },
      query.limit,
      after,
      'channels',
    );
    return { channelIds: page.ids, nextCursor: page.nextCursor };
  }

  async close(): Promise<void> {}
}

const invalidCursor = () =>
  badRequest(
    'invalid_cursor',
    'The cursor is not one this search returned; start again without it',
  );
