import type { Context } from '../../context.js';
import type { components, operations } from '../../contract/openapi.gen.js';
import { findChannelsInOrder } from '../../db/channels.js';
import { badRequest } from '../../domain/errors.js';
import { channelView } from '../channels/channel-view.js';

type ChannelSearchQuery = operations['searchChannels']['parameters']['query'];

/** The tenant's channels that match, through the search index, answered as the rows are now. */
export async function searchChannels(
  ctx: Context,
  input: { tenantId: string; query: ChannelSearchQuery },
): Promise<components['schemas']['ChannelList']> {
  const text = input.query.q.trim();
  if (text === '') throw badRequest('invalid_query', 'q must contain at least one word');
  const page = await ctx.search.searchChannels({
    tenantId: input.tenantId,
    text,
    limit: input.query.limit ?? 25,
    cursor: input.query.cursor,
  });
  const rows = await findChannelsInOrder(ctx.database.db, input.tenantId, page.channelIds);
  return {
    data: rows.map((row) => channelView(row, ctx.config.publicUrl)),
    next_cursor: page.nextCursor,
  };
}
