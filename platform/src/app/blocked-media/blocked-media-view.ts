import type { components } from '../../contract/openapi.gen.js';
import type { BlockedMediaRow } from '../../db/blocked-media.js';
import { storedFrames } from '../../domain/perceptual-fingerprint.js';

export type ApiBlockedMedia = components['schemas']['BlockedMedia'];

export function blockedMediaView(row: BlockedMediaRow): ApiBlockedMedia {
  return {
    blocked_media_id: row.id,
    sha256: row.sha256,
    video_id: row.videoId,
    fingerprint_frames: row.frameHashes ? storedFrames(row.frameHashes) : 0,
    reason: row.reason,
    note: row.note,
    created_at: row.createdAt.toISOString(),
  };
}
