import type { Context } from '../../context.js';
import { deleteCaption as deleteRow } from '../../db/captions.js';
import { notFound } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';

/** Removes the track, so the next manifest leaves it out, then its stored file. */
export async function deleteCaption(
  ctx: Context,
  input: { tenantId: string; videoId: string; captionId: string },
) {
  const removed = await deleteRow(ctx.database.db, input.tenantId, input.videoId, input.captionId);
  if (!removed) throw notFound('Caption');
  await ctx.store.deletePrefix(mediaKeys.captionPrefix(input.videoId, input.captionId));
}
