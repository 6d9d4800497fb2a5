import { listBlockedMedia as listTheBlockedMedia } from '../../app/blocked-media/list-blocked-media.js';
import type { OperationHandler } from '../operation.js';

export const listBlockedMedia: OperationHandler<'listBlockedMedia'> = (ctx, request, caller) =>
  listTheBlockedMedia(ctx, { tenantId: caller.tenantId, ...request.query });
