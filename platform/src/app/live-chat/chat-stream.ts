import type { Context } from '../../context.js';
import { findLiveStream } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';

/** The caller's tenant's live stream whose chat is asked for, or 404 (another tenant's too). */
export async function chattedStream(ctx: Context, tenantId: string, liveStreamId: string) {
  const stream = await findLiveStream(ctx.database.db, tenantId, liveStreamId);
  if (!stream) throw notFound('Live stream');
  return stream;
}
