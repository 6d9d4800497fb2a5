import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findStage, listStages, uploadSpanOfVideo } from '../../db/video-stages.js';
import { findVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { STAGE_ORDER } from '../../domain/processing-stages.js';

type ApiStage = components['schemas']['VideoStage'];

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** The tenant's video's stages in the order they happen; another tenant's video is a 404. */
export async function getTimeline(
  ctx: Context,
  input: { tenantId: string; videoId: string },
): Promise<components['schemas']['VideoTimeline']> {
  const { tenantId, videoId } = input;
  const found = await findVideo(ctx.database.db, tenantId, videoId);
  if (!found) throw notFound('Video');
  const { video } = found;
  const stages: ApiStage[] = [];
  const upload = await uploadSpanOfVideo(ctx.database.db, tenantId, videoId);
  if (upload) {
    stages.push({
      stage: 'uploaded',
      started_at: upload.startedAt.toISOString(),
      ended_at: iso(upload.endedAt),
    });
  }
  for (const row of await listStages(ctx.database.db, tenantId, videoId)) {
    stages.push({
      stage: row.stage,
      started_at: row.startedAt.toISOString(),
      ended_at: iso(row.endedAt),
      ...(row.progress !== null && { progress: row.progress }),
      ...(row.speed !== null && { speed: row.speed }),
      ...row.detail,
    });
  }
  if (video.publishedAt) {
    const at = video.publishedAt.toISOString();
    stages.push({ stage: 'published', started_at: at, ended_at: at });
  }
  stages.sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
  return { video_id: video.id, status: video.status, stages };
}

/** How much of a processing video's encoding is done, in percent; 0 before it starts. */
export async function encodingPercent(ctx: Context, tenantId: string, videoId: string) {
  const encoding = await findStage(ctx.database.db, { tenantId, videoId, stage: 'encoding' });
  return encoding?.progress ?? 0;
}
