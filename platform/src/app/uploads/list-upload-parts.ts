import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { decodePartCursor, encodePartCursor } from '../../domain/cursor.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { ownedUpload } from './get-upload.js';

/** The parts stored so far, in order, for a client resuming; none once the upload is closed. */
export async function listUploadParts(
  ctx: Context,
  input: { tenantId: string; uploadId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['UploadPartList']> {
  const upload = await ownedUpload(ctx, input.tenantId, input.uploadId);
  const after = input.cursor ? decodePartCursor(input.cursor) : 0;
  const limit = input.limit ?? 1000;
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
}
