import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listChannels as listChannelRows } from '../../db/channels.js';
import { listPage } from '../list-page.js';
import { channelView } from './channel-view.js';

export async function listChannels(
  ctx: Context,
  input: { tenantId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['ChannelList']> {
  return listPage(
    input,
    (after, limit) => listChannelRows(ctx.database.db, input.tenantId, after, limit),
    (row) => channelView(row, ctx.config.publicUrl),
  );
}
