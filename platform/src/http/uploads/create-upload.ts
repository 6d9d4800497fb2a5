import { randomUUID } from 'node:crypto';
import { emit } from '../../db/outbox.js';
import { uploads, videos } from '../../db/schema.js';
import { findUploadByIdempotencyKey } from '../../db/uploads.js';
import { ReelError } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { planParts } from '../../domain/upload-parts.js';
import type { OperationHandler } from '../operation.js';
import { partUrls, uploadView } from './upload-view.js';

const UNIQUE_VIOLATION = '23505';

export const createUpload: OperationHandler<'createUpload'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const body = request.body;
  const idempotencyKey = request.headers['idempotency-key'];
  const { db } = ctx.database;
  const plan = planParts(body.size_bytes, ctx.config.maxUploadBytes, body.part_size_bytes);

  const replay = async () => {
    const existing =
      idempotencyKey && (await findUploadByIdempotencyKey(db, caller.tenantId, idempotencyKey));
    if (!existing) return undefined;
    if (
      existing.sha256 !== body.sha256 ||
      existing.sizeBytes !== body.size_bytes ||
      existing.filename !== body.filename
    ) {
      throw new ReelError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different upload',
      );
    }
    return existing;
  };

  let upload = await replay();
  if (!upload) {
    const uploadId = randomUUID();
    const videoId = randomUUID();
    const originalKey = mediaKeys.original(uploadId);
    const multipartId = await ctx.store.createMultipart(originalKey, uploadId);
    try {
      upload = await db.transaction(async (tx) => {
        await tx.insert(videos).values({
          id: videoId,
          tenantId: caller.tenantId,
          status: 'waiting_for_upload',
          title: body.title ?? body.filename,
          autoPublish: body.auto_publish ?? true,
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
            sha256: body.sha256,
            partSize: plan.partSize,
            partCount: plan.partCount,
            multipartId,
            idempotencyKey: idempotencyKey ?? null,
            expiresAt: new Date(Date.now() + ctx.config.uploadTtlSeconds * 1000),
          })
          .returning();
        await emit(tx, { topic: TOPICS.videoCreated, videoId, tenantId: caller.tenantId });
        return row;
      });
    } catch (error) {
      await ctx.store.abortMultipart(originalKey, multipartId);
      // A concurrent request with the same key won the race: answer with its upload.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) upload = await replay();
      if (!upload) throw error;
    }
  }
  if (!upload) throw new Error('upload missing after insert');
  const numbers = Array.from({ length: upload.partCount }, (_, i) => i + 1);
  return reply.status(201).send({
    ...uploadView(upload),
    parts: partUrls(ctx.store, upload, numbers, ctx.config.partUrlTtlSeconds),
  });
};
