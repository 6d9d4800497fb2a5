import type { Context } from '../../context.js';
import type { components, operations } from '../../contract/openapi.gen.js';
import { findSearchableVideos } from '../../db/videos.js';
import { badRequest } from '../../domain/errors.js';
import { videoView } from '../videos/video-view.js';

const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 64;

export type SearchQuery = operations['searchVideos']['parameters']['query'];

/** The tenant's public, ready videos that match, through the search index. */
export async function searchVideos(
  ctx: Context,
  input: { tenantId: string; query: SearchQuery },
): Promise<components['schemas']['VideoList']> {
  const { query } = input;
  const text = query.q.trim();
  if (text === '') throw badRequest('invalid_query', 'q must contain at least one word');
  const tags = query.tags
    ?.split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tags && (tags.length === 0 || tags.length > MAX_TAGS)) {
    throw badRequest('invalid_tags', `tags takes 1 to ${MAX_TAGS} comma-separated tags`);
  }
  if (tags?.some((t) => t.length > MAX_TAG_LENGTH)) {
    throw badRequest('invalid_tags', `A tag has at most ${MAX_TAG_LENGTH} characters`);
  }
  const min = query.min_duration_sec;
  const max = query.max_duration_sec;
  if (min !== undefined && max !== undefined && min > max) {
    throw badRequest(
      'invalid_duration_range',
      'min_duration_sec must not be greater than max_duration_sec',
      { min_duration_sec: min, max_duration_sec: max },
    );
  }
  const page = await ctx.search.search({
    tenantId: input.tenantId,
    text,
    language: query.language,
    channelId: query.channel_id,
    tags,
    minDurationSec: min,
    maxDurationSec: max,
    sort: query.sort ?? 'relevance',
    limit: query.limit ?? 25,
    cursor: query.cursor,
  });
  const videos = await findSearchableVideos(ctx.database.db, input.tenantId, page.videoIds);
  return {
    data: videos.map((v) => videoView(v, ctx.config.publicUrl)),
    next_cursor: page.nextCursor,
  };
}
