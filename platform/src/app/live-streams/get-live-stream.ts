import type { Context } from '../../context.js';
import { findLiveStream } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';
import { type ApiLiveStream, liveStreamView } from './live-stream-view.js';

export async function getLiveStream(
  ctx: Context,
  input: { tenantId: string; liveStreamId: string },
): Promise<ApiLiveStream> {
  const row = await findLiveStream(ctx.database.db, input.tenantId, input.liveStreamId);
  if (!row) throw notFound('Live stream');
  return liveStreamView(row, ctx.config.live);
}
