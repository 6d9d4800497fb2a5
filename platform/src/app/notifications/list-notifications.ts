import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listNotificationRows, type ViewerKey } from '../../db/viewer-notifications.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { badRequest } from '../../domain/errors.js';
import { notificationView } from './notification-view.js';

/** What Postgres prints for a timestamp: only that is cast back, so no cursor fails a query. */
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}:\d{2}$/;

function positionOf(cursor: string) {
  const { createdAt, id } = decodeCursor(cursor);
  if (!POSITION.test(createdAt)) {
    throw badRequest(
      'invalid_cursor',
      'The cursor is not one this API returned; start again without it',
    );
  }
  return { position: createdAt, id };
}

/** Newest first, keyset on the creation time to the microsecond and the id. */
export async function listNotifications(
  ctx: Context,
  input: ViewerKey & { unread?: boolean; cursor?: string; limit?: number },
): Promise<components['schemas']['NotificationList']> {
  const limit = input.limit ?? 25;
  const before = input.cursor ? positionOf(input.cursor) : undefined;
  const rows = await listNotificationRows(ctx.database.db, input, {
    unread: input.unread === true,
    before,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(notificationView),
    next_cursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.position, id: last.id }) : null,
  };
}
