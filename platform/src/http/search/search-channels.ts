import { searchChannels as searchTheChannels } from '../../app/search/search-channels.js';
import type { OperationHandler } from '../operation.js';

/** `GET /v1/search/channels`: the caller's channels that match. */
export const searchChannels: OperationHandler<'searchChannels'> = (ctx, request, caller) =>
  searchTheChannels(ctx, { tenantId: caller.tenantId, query: request.query });
