import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { insertChannel } from '../../db/channels.js';
import { emit } from '../../db/outbox.js';
import { TOPICS } from '../../domain/event-routes.js';
import { channelEvent } from './channel-events.js';
import { type ApiChannel, channelView } from './channel-view.js';
import { refusingTakenHandle } from './handle-taken.js';

export async function createChannel(
  ctx: Context,
  input: { tenantId: string; channel: components['schemas']['CreateChannelRequest'] },
): Promise<ApiChannel> {
  const { handle, title, description, owner_viewer_id } = input.channel;
  const row = await refusingTakenHandle(handle, () =>
    ctx.database.db.transaction(async (tx) => {
      const created = await insertChannel(tx, {
        tenantId: input.tenantId,
        handle,
        title,
        description: description ?? '',
        ownerViewerId: owner_viewer_id ?? null,
      });
      await emit(tx, channelEvent(TOPICS.channelCreated, created, ctx.config.publicUrl));
      return created;
    }),
  );
  return channelView(row, ctx.config.publicUrl);
}
