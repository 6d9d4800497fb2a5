import { getNotificationSettings as getSettings } from '../../app/notifications/notification-settings.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const getNotificationSettings: OperationHandler<'getNotificationSettings'> = (
  ctx,
  _request,
  caller,
) => getSettings(ctx, viewerOf(caller));
