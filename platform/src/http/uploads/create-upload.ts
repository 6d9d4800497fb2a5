import { randomUUID } from 'node:crypto';
import { emit } from '../../db/outbox.js';
import { uploads, videos } from '../../db/schema.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { planParts } from '../../domain/upload-parts.js';
import { signUploadToken } from '../../domain/upload-tokens.js';
import type { OperationHandler } from '../operation.js';
import { partUrls, uploadView } from './upload-view.js';

/** Creates the upload and its video together; a retry with the same Idempotency-Key replays this. */
export const createUpload: OperationHandler<'createUpload'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const body = request.body;
  const plan = planParts(body.size_bytes, ctx.config.maxUploadBytes, body.part_size_bytes);
  const uploadId = randomUUID();
  const videoId = randomUUID();
  const originalKey = mediaKeys.original(uploadId);
  const multipartId = await ctx.store.createMultipart(originalKey, uploadId);
  try {
    const upload = await ctx.database.db.transaction(async (tx) => {
      await tx.insert(videos).values({
        id: videoId,
        tenantId: caller.tenantId,
        status: 'waiting_for_upload',
        title: body.title ?? body.filename,
        autoPublish: body.auto_publish ?? true,
        visibility: body.visibility ?? 'public',
        playbackPolicy: body.playback_policy ?? 'public',
        originalKey,
      });
      const [row] = await tx
        .insert(uploads)
        .values({
          id: uploadId,
          tenantId: caller.tenantId,
          videoId,
          status: 'pending',
          filename: body.filename,
          mime: body.mime,
          sizeBytes: body.size_bytes,
          sha256: body.sha256 ?? '',
          partSize: plan.partSize,
          partCount: plan.partCount,
          multipartId,
          expiresAt: new Date(
            Date.now() + (body.expires_in_seconds ?? ctx.config.uploadTtlSeconds) * 1000,
          ),
        })
        .returning();
      await emit(tx, { topic: TOPICS.videoCreated, videoId, tenantId: caller.tenantId });
      return row;
    });
    if (!upload) throw new Error('upload insert returned nothing');
    const numbers = Array.from({ length: upload.partCount }, (_, i) => i + 1);
    const expires = Math.floor(upload.expiresAt.getTime() / 1000);
    return reply.status(201).send({
      ...uploadView(upload),
      parts: partUrls(ctx.store, upload, numbers, ctx.config.partUrlTtlSeconds),
      upload_token: signUploadToken(ctx.config.urlSigningSecret, {
        uploadId,
        expires,
        origin: body.cors_origin,
      }),
      upload_token_expires_at: upload.expiresAt.toISOString(),
    });
  } catch (error) {
    await ctx.store.abortMultipart(originalKey, multipartId);
    throw error;
  }
};
