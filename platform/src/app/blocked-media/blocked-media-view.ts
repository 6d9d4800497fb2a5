import type { components } from '../../contract/openapi.gen.js';
import type { BlockedMediaRow } from '../../db/blocked-media.js';

export type ApiBlockedMedia = components['schemas']['BlockedMedia'];

export function blockedMediaView(row: BlockedMediaRow): ApiBlockedMedia {
  return {
    blocked_media_id: row.id,
    sha256: row.sha256,
    reason: row.reason,
    note: row.note,
    created_at: row.createdAt.toISOString(),
  };
}
