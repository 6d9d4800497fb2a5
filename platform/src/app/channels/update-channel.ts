import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { lockChannel, updateChannel as updateChannelRow } from '../../db/channels.js';
import { emit } from '../../db/outbox.js';
import { changedFields } from '../../domain/changed-fields.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { channelEvent } from './channel-events.js';
import { type ApiChannel, channelView } from './channel-view.js';
import { refusingTakenHandle } from './handle-taken.js';

/** Changes the fields given; `channel.updated` names those whose value really changed. */
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
    ctx.database.db.transaction(async (tx) => {
      const before = await lockChannel(tx, input.tenantId, input.channelId, 'no key update');
      if (!before) return undefined;
      const after = await updateChannelRow(tx, input.tenantId, input.channelId, {
        ...(change.handle !== undefined && { handle: change.handle }),
        ...(change.title !== undefined && { title: change.title }),
        ...(change.description !== undefined && { description: change.description }),
        ...(change.owner_viewer_id !== undefined && { ownerViewerId: change.owner_viewer_id }),
      });
      if (!after) return undefined;
      const changed = changedFields(
        channelView(before, ctx.config.publicUrl),
        channelView(after, ctx.config.publicUrl),
        ['updated_at', 'subscriber_count'],
      );
      if (changed.length > 0)
        await emit(tx, channelEvent(TOPICS.channelUpdated, after, ctx.config.publicUrl, changed));
      return after;
    }),
  );
  if (!row) throw notFound('Channel');
  return channelView(row, ctx.config.publicUrl);
}
