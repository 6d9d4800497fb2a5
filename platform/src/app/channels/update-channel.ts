import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { updateChannel as updateChannelRow } from '../../db/channels.js';
import { notFound } from '../../domain/errors.js';
import { type ApiChannel, channelView } from './channel-view.js';
import { refusingTakenHandle } from './handle-taken.js';

/** Changes the fields given. */
export async function updateChannel(
  ctx: Context,
  input: {
    tenantId: string;
    channelId: string;
    change: components['schemas']['UpdateChannelRequest'];
  },
): Promise<ApiChannel> {
  const { change } = input;
  const row = await refusingTakenHandle(change.handle, () =>
    updateChannelRow(ctx.database.db, input.tenantId, input.channelId, {
      ...(change.handle !== undefined && { handle: change.handle }),
      ...(change.title !== undefined && { title: change.title }),
      ...(change.description !== undefined && { description: change.description }),
      ...(change.owner_viewer_id !== undefined && { ownerViewerId: change.owner_viewer_id }),
    }),
  );
  if (!row) throw notFound('Channel');
  return channelView(row, ctx.config.publicUrl);
}
