import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { badRequest } from '../../domain/errors.js';
import { assertUploadOpen } from '../../domain/upload-state.js';
import { ownedUpload } from './get-upload.js';
import { partUrls } from './upload-view.js';

/** Signs part URLs again (they expire sooner than the upload), only for parts that exist. */
export async function signUploadParts(
  ctx: Context,
  input: { tenantId: string; uploadId: string; partNumbers: readonly number[] },
): Promise<components['schemas']['PartUrlList']> {
  const upload = await ownedUpload(ctx, input.tenantId, input.uploadId);
  assertUploadOpen(upload);
  const beyond = input.partNumbers.filter((n) => n > upload.partCount);
  if (beyond.length > 0) {
    throw badRequest('invalid_part_number', `Part numbers run from 1 to ${upload.partCount}`, {
      invalid_parts: beyond.slice(0, 100),
    });
  }
  return {
    parts: partUrls(ctx.store, upload, input.partNumbers, ctx.config.partUrlTtlSeconds),
  };
}
