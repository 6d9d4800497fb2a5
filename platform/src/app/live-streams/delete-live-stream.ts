import type { Context } from '../../context.js';
import { deleteLiveStream as deleteRow } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';

export async function deleteLiveStream(
  ctx: Context,
  input: { tenantId: string; liveStreamId: string },
) {
  if (!(await deleteRow(ctx.database.db, input.tenantId, input.liveStreamId))) {
    throw notFound('Live stream');
  }
}
