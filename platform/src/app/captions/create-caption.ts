import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { cachedTenantVideo } from '../../db/cached-videos.js';
import { insertCaption } from '../../db/captions.js';
import type { Queryable } from '../../db/connection.js';
import { emit } from '../../db/outbox.js';
import { type CaptionTrack, captionTrackOf } from '../../domain/captions.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { type ApiCaption, captionView } from './caption-view.js';

export type NewCaption = components['schemas']['CreateCaptionRequest'];

/** A checked track whose WebVTT is stored, waiting for its row. */
export interface StoredCaption {
  id: string;
  objectKey: string;
  track: CaptionTrack;
  caption: NewCaption;
}

/**
 * Checks the file and stores its WebVTT. Done before the row's transaction: a failed insert
 * leaves an object no one lists, never a listed track without its file.
 */
export async function storeCaption(
  ctx: Context,
  videoId: string,
  caption: NewCaption,
): Promise<StoredCaption> {
  const track = captionTrackOf(caption.content, caption.format);
  const id = randomUUID();
  const objectKey = mediaKeys.captionTrack(videoId, id);
  await ctx.store.putText(objectKey, track.vtt);
  return { id, objectKey, track, caption };
}

/** Adds a stored track's row and its `video.captions.ready` event, in the caller's transaction. */
export async function addCaption(
  ctx: Context,
  tx: Queryable,
  owner: { tenantId: string; videoId: string },
  stored: StoredCaption,
): Promise<ApiCaption> {
  const { caption, track } = stored;
  const row = await insertCaption(tx, {
    id: stored.id,
    ...owner,
    language: caption.language,
    label: caption.label,
    kind: caption.kind,
    isDefault: caption.default ?? false,
    sourceFormat: caption.format,
    cueCount: track.cueCount,
    durationSec: track.durationSec,
    objectKey: stored.objectKey,
    // A millisecond time, so the list cursor (which holds milliseconds) names the row exactly.
    createdAt: new Date(),
  });
  const shown = captionView(row, ctx.config.publicUrl);
  await emit(tx, {
    topic: TOPICS.videoCaptionsReady,
    ...owner,
    data: withWebhookData({ caption: shown }),
  });
  return shown;
}

export async function createCaption(
  ctx: Context,
  input: { tenantId: string; videoId: string; caption: NewCaption },
): Promise<ApiCaption> {
  if (!(await cachedTenantVideo(ctx, input.tenantId, input.videoId))) throw notFound('Video');
  const stored = await storeCaption(ctx, input.videoId, input.caption);
  return ctx.database.db.transaction((tx) => addCaption(ctx, tx, input, stored));
}
