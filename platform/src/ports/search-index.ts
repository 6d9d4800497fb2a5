/** What the search index holds per video: only public, ready videos are ever in it. */
export interface SearchDocument {
  videoId: string;
  tenantId: string;
  title: string;
  description: string;
  tags: string[];
  language: string | null;
  /** The channel the video is on, if any. */
  channelId: string | null;
  durationSec: number | null;
  publishedAt: Date;
  views: number;
}

export type SearchSort = 'relevance' | 'newest' | 'most_viewed';

/** What the search index holds per live channel. */
export interface ChannelDocument {
  channelId: string;
  tenantId: string;
  handle: string;
  title: string;
  description: string;
}

export interface ChannelSearchQuery {
  tenantId: string;
  /** As a user typed it, like a video search's. */
  text: string;
  limit: number;
  /** A `nextCursor` this same index returned for a channel search. */
  cursor?: string;
}

export interface ChannelSearchPage {
  channelIds: string[];
  nextCursor: string | null;
}

export interface SearchQuery {
  tenantId: string;
  /** The words to match, as a user typed them (quotes and `-word` work). */
  text: string;
  language?: string;
  /** Only videos on this channel. */
  channelId?: string;
  /** Every one of these tags must be on the video. */
  tags?: readonly string[];
  minDurationSec?: number;
  maxDurationSec?: number;
  sort: SearchSort;
  limit: number;
  /** A `nextCursor` this same index returned for the same query. */
  cursor?: string;
}

/** The video to find others like: its own fields, so a video the index does not hold works too. */
export interface RelatedQuery {
  tenantId: string;
  /** Never among the results. */
  videoId: string;
  title: string;
  tags: readonly string[];
  channelId: string | null;
  limit: number;
  /** A `nextCursor` this same index returned for related videos. */
  cursor?: string;
}

export interface SearchPage {
  videoIds: string[];
  nextCursor: string | null;
}

/**
 * Full-text search over a tenant's public videos and its channels: Postgres full-text search embedded,
 * OpenSearch scaled out. Rank by `title` over `tags` over `description`, boosted by recency.
 * A cursor the index did not make is a 400 (`invalid_cursor`), never a 500.
 */
export interface SearchIndex {
  readonly name: string;
  /** Adds or replaces a video's document. Idempotent. */
  upsert(doc: SearchDocument): Promise<void>;
  /** Sets the view counts of indexed videos; videos not in the index are skipped. */
  updateViews(counts: readonly { videoId: string; views: number }[]): Promise<void>;
  /** Removes a video; removing one that is absent is fine. */
  remove(videoId: string): Promise<void>;
  search(query: SearchQuery): Promise<SearchPage>;
  /**
   * The tenant's videos most like the given one: the same channel, then shared tags, then
   * shared title words, best first; never the video itself. Pages with `{score, vid}`.
   */
  related(query: RelatedQuery): Promise<SearchPage>;
  /** Adds or replaces a channel's document. Idempotent. */
  upsertChannel(doc: ChannelDocument): Promise<void>;
  /** Removes a channel; removing one that is absent is fine. */
  removeChannel(channelId: string): Promise<void>;
  /** The tenant's channels that match, handle and title over description, best first. */
  searchChannels(query: ChannelSearchQuery): Promise<ChannelSearchPage>;
  close(): Promise<void>;
}
