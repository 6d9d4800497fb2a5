import type { NotificationRow } from '../../db/viewer-notifications.js';
import type { ApiNotification } from '../../ports/notification-hub.js';

/** Postgres prints `+00:00` and microseconds; the API answers ISO 8601 in UTC, as elsewhere. */
const iso = (stamp: string) => new Date(stamp).toISOString();

export function notificationView(row: NotificationRow): ApiNotification {
  return {
    id: row.id,
    kind: row.kind,
    data: row.payload as ApiNotification['data'],
    created_at: iso(row.created_at),
    read_at: row.read_at === null ? null : iso(row.read_at),
  };
}

export const isoOf = iso;
