import { markNotificationRead as markRead } from '../../app/notifications/mark-read.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const markNotificationRead: OperationHandler<'markNotificationRead'> = (
  ctx,
  request,
  caller,
) => markRead(ctx, { ...viewerOf(caller), notificationId: request.params.notification_id });
