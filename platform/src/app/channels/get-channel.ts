import type { Context } from '../../context.js';
import { findPublicChannel } from '../../db/channels.js';
import { notFound } from '../../domain/errors.js';
import { type ApiChannel, channelView } from './channel-view.js';

/** A channel's public page: readable by anyone who has its id. */
export async function getChannel(ctx: Context, input: { channelId: string }): Promise<ApiChannel> {
  const channel = await findPublicChannel(ctx.database.db, input.channelId);
  if (!channel) throw notFound('Channel');
  return channelView(channel, ctx.config.publicUrl);
}
