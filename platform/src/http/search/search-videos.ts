import { findSearchableVideos } from '../../db/videos.js';
import { badRequest } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { videoView } from '../video-view.js';

const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 64;

/** `GET /v1/search`: the caller's public, ready videos that match, through the search index. */
export const searchVideos: OperationHandler<'searchVideos'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const query = request.query;
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
    tenantId: caller.tenantId,
    text,
    language: query.language,
    tags,
    minDurationSec: min,
    maxDurationSec: max,
    sort: query.sort ?? 'relevance',
    limit: query.limit ?? 25,
    cursor: query.cursor,
  });
  const videos = await findSearchableVideos(ctx.database.db, caller.tenantId, page.videoIds);
  return {
    data: videos.map((v) => videoView(v, ctx.config.publicUrl)),
    next_cursor: page.nextCursor,
  };
};
