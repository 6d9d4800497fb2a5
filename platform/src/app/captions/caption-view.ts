import type { components } from '../../contract/openapi.gen.js';
import type { CaptionRow } from '../../db/captions.js';

export type ApiCaption = components['schemas']['Caption'];

export function captionView(row: CaptionRow, publicUrl: string): ApiCaption {
  return {
    caption_id: row.id,
    video_id: row.videoId,
    language: row.language,
    label: row.label,
    kind: row.kind,
    default: row.isDefault,
    source_format: row.sourceFormat,
    cue_count: row.cueCount,
    duration_sec: row.durationSec,
    url: `${publicUrl}/v1/videos/${row.videoId}/captions/${row.id}/track.vtt`,
    created_at: row.createdAt.toISOString(),
  };
}
