import { getChannel as getTheChannel } from '../../app/channels/get-channel.js';
import type { OperationHandler } from '../operation.js';

/** Public: no credential, so no tenant; the channel's id is enough. */
export const getChannel: OperationHandler<'getChannel'> = (ctx, request) =>
  getTheChannel(ctx, { channelId: request.params.channel_id });
