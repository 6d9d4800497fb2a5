import { findUpload } from '../../db/uploads.js';
import { decodePartCursor, encodePartCursor } from '../../domain/cursor.js';
import { notFound } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';
import type { OperationHandler } from '../operation.js';

export const listUploadParts: OperationHandler<'listUploadParts'> = async (
  ctx,
  request,
  _reply,
  caller,
) => {
  const upload = await findUpload(ctx.database.db, caller.tenantId, request.params.upload_id);
  if (!upload) throw notFound('Upload');
  const after = request.query.cursor ? decodePartCursor(request.query.cursor) : 0;
  const limit = request.query.limit ?? 1000;
  const stored =
    upload.status === 'pending'
      ? await ctx.store.listParts(mediaKeys.original(upload.id), upload.multipartId)
      : [];
  const page = stored.filter((p) => p.partNumber > after).slice(0, limit);
  const last = page.at(-1);
  const more = last !== undefined && stored.some((p) => p.partNumber > last.partNumber);
  return {
    data: page.map((p) => ({ part_number: p.partNumber, size_bytes: p.sizeBytes, etag: p.etag })),
    next_cursor: more && last ? encodePartCursor(last.partNumber) : null,
  };
};
