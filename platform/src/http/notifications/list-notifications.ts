import { listNotifications as list } from '../../app/notifications/list-notifications.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const listNotifications: OperationHandler<'listNotifications'> = (ctx, request, caller) => {
  const { unread, cursor, limit } = request.query;
  return list(ctx, { ...viewerOf(caller), unread, cursor, limit });
};
