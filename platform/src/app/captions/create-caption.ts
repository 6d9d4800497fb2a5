import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { cachedTenantVideo } from '../../db/cached-videos.js';
import { insertCaption } from '../../db/captions.js';
import { emit } from '../../db/outbox.js';
import { captionTrackOf } from '../../domain/captions.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { type ApiCaption, captionView } from './caption-view.js';

export type NewCaption = components['schemas']['CreateCaptionRequest'];

/**
 * Checks the file, stores its WebVTT, then adds the track and its `video.captions.ready` event
 * in one transaction. The file is stored first: a failed insert leaves an object no one lists,
 * never a listed track without its file.
 */
export async function createCaption(
  ctx: Context,
  input: { tenantId: string; videoId: string; caption: NewCaption },
): Promise<ApiCaption> {
  const { caption } = input;
  const track = captionTrackOf(caption.content, caption.format);
  if (!(await cachedTenantVideo(ctx, input.tenantId, input.videoId))) throw notFound('Video');
  const id = randomUUID();
  const objectKey = mediaKeys.captionTrack(input.videoId, id);
  await ctx.store.putText(objectKey, track.vtt);
  const view = await ctx.database.db.transaction(async (tx) => {
    const row = await insertCaption(tx, {
      id,
      tenantId: input.tenantId,
      videoId: input.videoId,
      language: caption.language,
      label: caption.label,
      kind: caption.kind,
      isDefault: caption.default ?? false,
      sourceFormat: caption.format,
      cueCount: track.cueCount,
      durationSec: track.durationSec,
      objectKey,
      // A millisecond time, so the list cursor (which holds milliseconds) names the row exactly.
      createdAt: new Date(),
    });
    const shown = captionView(row, ctx.config.publicUrl);
    await emit(tx, {
      topic: TOPICS.videoCaptionsReady,
      videoId: input.videoId,
      tenantId: input.tenantId,
      data: withWebhookData({ caption: shown }),
    });
    return shown;
  });
  return view;
}
