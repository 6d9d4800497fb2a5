import { readerOf } from '../../app/auth/reader.js';
import { listRelatedVideos as listTheRelatedVideos } from '../../app/search/list-related-videos.js';
import type { OperationHandler } from '../operation.js';

/** With an API key, a viewer token or no credential: each sees its own view (`readerOf`). */
export const listRelatedVideos: OperationHandler<'listRelatedVideos'> = (ctx, request, caller) =>
  listTheRelatedVideos(ctx, {
    reader: readerOf(caller),
    videoId: request.params.video_id,
    cursor: request.query.cursor,
    limit: request.query.limit,
  });
