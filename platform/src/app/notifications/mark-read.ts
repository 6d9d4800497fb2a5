import type { Context } from '../../context.js';
import { markAllRead, markRead, type ViewerKey } from '../../db/viewer-notifications.js';
import { notFound } from '../../domain/errors.js';
import { isUuid } from '../../domain/uuid.js';
import type { ApiNotification } from '../../ports/notification-hub.js';
import { notificationView } from './notification-view.js';

/** Another viewer's notification reads as missing. */
export async function markNotificationRead(
  ctx: Context,
  input: ViewerKey & { notificationId: string },
): Promise<ApiNotification> {
  if (!isUuid(input.notificationId)) throw notFound('Notification');
  const row = await markRead(ctx.database.db, input, input.notificationId);
  if (!row) throw notFound('Notification');
  return notificationView(row);
}

export async function markAllNotificationsRead(ctx: Context, input: ViewerKey) {
  return { marked: await markAllRead(ctx.database.db, input) };
}
