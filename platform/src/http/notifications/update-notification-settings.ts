import { updateNotificationSettings as updateSettings } from '../../app/notifications/notification-settings.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const updateNotificationSettings: OperationHandler<'updateNotificationSettings'> = (
  ctx,
  request,
  caller,
) => updateSettings(ctx, { ...viewerOf(caller), change: request.body });
