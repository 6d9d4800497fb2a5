import { setChannelAvatar as setTheAvatar } from '../../app/channels/set-avatar.js';
import type { OperationHandler } from '../operation.js';

/** `PUT /v1/channels/{id}/avatar`: the body parser read the image whole (security-scopes.ts). */
export const setChannelAvatar: OperationHandler<'setChannelAvatar'> = (ctx, request, caller) =>
  setTheAvatar(ctx, {
    tenantId: caller.tenantId,
    channelId: request.params.channel_id,
    contentType: request.headers['content-type'] ?? '',
    image: Buffer.isBuffer(request.body) ? request.body : undefined,
  });
