import { getChannelAvatar as avatarOf } from '../../app/channels/get-avatar.js';
import type { OperationHandler } from '../operation.js';
import { sendPlayback } from '../playback/send-playback.js';

export const getChannelAvatar: OperationHandler<'getChannelAvatar'> = async (
  ctx,
  request,
  _caller,
  reply,
) => {
  const { channel_id, avatar_id, size } = request.params;
  const answer = await avatarOf(ctx, { channelId: channel_id, avatarId: avatar_id, size });
  return sendPlayback(request, reply, answer);
};
