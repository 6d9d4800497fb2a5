import { searchVideos as searchTheVideos } from '../../app/search/search-videos.js';
import type { OperationHandler } from '../operation.js';

/** `GET /v1/search`: the caller's public, ready videos that match. */
export const searchVideos: OperationHandler<'searchVideos'> = (ctx, request, caller) =>
  searchTheVideos(ctx, { tenantId: caller.tenantId, query: request.query });
