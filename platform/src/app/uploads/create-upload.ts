import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { holdChannel } from '../../db/channels.js';
import { emit } from '../../db/outbox.js';
import { insertUpload } from '../../db/uploads.js';
import { insertVideo } from '../../db/videos.js';
import { notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { planParts } from '../../domain/upload-parts.js';
import { signUploadToken } from '../../domain/upload-tokens.js';
import { addCaption, type StoredCaption, storeCaption } from '../captions/create-caption.js';
import { checkQuotas } from '../usage/check-quota.js';
import { partUrls, uploadView } from './upload-view.js';

type Schemas = components['schemas'];

/**
 * Creates the upload and its video together, with signed URLs for every part and a token for
 * the browser. The store's multipart upload is dropped again if the rows cannot be written.
 */
export async function createUpload(
  ctx: Context,
  input: { tenantId: string; request: Schemas['CreateUploadRequest'] },
): Promise<Schemas['UploadWithParts']> {
  const { tenantId, request } = input;
  const plan = planParts(request.size_bytes, ctx.config.maxUploadBytes, request.part_size_bytes);
  const wanted = {
    upload_bytes: request.size_bytes,
    storage_bytes: request.size_bytes,
    videos: 1,
    encoded_minutes_per_day: 0,
  };
  // Before anything is stored: a refused upload leaves no rows and no multipart upload.
  await checkQuotas(ctx.database.db, tenantId, wanted);
  const uploadId = randomUUID();
  const videoId = randomUUID();
  const originalKey = mediaKeys.original(uploadId);
  // Checked and stored first: a malformed file refuses the whole create, leaving no rows.
  const captions: StoredCaption[] = [];
  for (const caption of request.captions ?? []) {
    captions.push(await storeCaption(ctx, videoId, caption));
  }
  const multipartId = await ctx.store.createMultipart(originalKey, uploadId);
  try {
    const upload = await ctx.database.db.transaction(async (tx) => {
      // Again under the tenant's lock, for a request that raced this one past the first check.
      await checkQuotas(tx, tenantId, wanted, { inTransaction: true });
      const channelId = request.channel_id;
      if (channelId && !(await holdChannel(tx, tenantId, channelId))) throw notFound('Channel');
      await insertVideo(tx, {
        id: videoId,
        tenantId,
        title: request.title ?? request.filename,
        autoPublish: request.auto_publish ?? true,
        visibility: request.visibility ?? 'public',
        playbackPolicy: request.playback_policy ?? 'public',
        normalizeAudio: request.normalize_audio ?? false,
        mp4Support: request.mp4_support ?? 'none',
        channelId,
        originalKey,
      });
      const row = await insertUpload(tx, {
        id: uploadId,
        tenantId,
        videoId,
        filename: request.filename,
        mime: request.mime,
        sizeBytes: request.size_bytes,
        sha256: request.sha256 ?? '',
        partSize: plan.partSize,
        partCount: plan.partCount,
        multipartId,
        expiresAt: new Date(
          Date.now() + (request.expires_in_seconds ?? ctx.config.uploadTtlSeconds) * 1000,
        ),
      });
      await emit(tx, { topic: TOPICS.videoCreated, videoId, tenantId });
      for (const caption of captions) await addCaption(ctx, tx, { tenantId, videoId }, caption);
      return row;
    });
    const numbers = Array.from({ length: upload.partCount }, (_, i) => i + 1);
    const expires = Math.floor(upload.expiresAt.getTime() / 1000);
    return {
      ...uploadView(upload),
      parts: partUrls(ctx.store, upload, numbers, ctx.config.partUrlTtlSeconds),
      upload_token: signUploadToken(ctx.config.urlSigningSecret, {
        uploadId,
        expires,
        origin: request.cors_origin,
      }),
      upload_token_expires_at: upload.expiresAt.toISOString(),
    };
  } catch (error) {
    await ctx.store.abortMultipart(originalKey, multipartId);
    if (captions.length > 0) await ctx.store.deletePrefix(mediaKeys.captionsPrefix(videoId));
    throw error;
  }
}
