import { listChannelVideos as listTheChannelVideos } from '../../app/channels/list-channel-videos.js';
import type { OperationHandler } from '../operation.js';

/** Public: no credential, so no tenant; only the channel's public, ready videos. */
export const listChannelVideos: OperationHandler<'listChannelVideos'> = (ctx, request) => {
  const { cursor, limit, sort } = request.query;
  return listTheChannelVideos(ctx, { channelId: request.params.channel_id, cursor, limit, sort });
};
