import { markAllNotificationsRead as markAll } from '../../app/notifications/mark-read.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const markAllNotificationsRead: OperationHandler<'markAllNotificationsRead'> = (
  ctx,
  _request,
  caller,
) => markAll(ctx, viewerOf(caller));
