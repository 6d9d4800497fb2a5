import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findUpload } from '../../db/uploads.js';
import { notFound } from '../../domain/errors.js';
import { uploadView } from './upload-view.js';

/** The tenant's upload; another tenant's reads as missing. */
export async function ownedUpload(ctx: Context, tenantId: string, uploadId: string) {
  const upload = await findUpload(ctx.database.db, tenantId, uploadId);
  if (!upload) throw notFound('Upload');
  return upload;
}

export async function getUpload(
  ctx: Context,
  input: { tenantId: string; uploadId: string },
): Promise<components['schemas']['Upload']> {
  return uploadView(await ownedUpload(ctx, input.tenantId, input.uploadId));
}
