import type { Context } from '../../context.js';
import type { CommentAudience, CommentRow } from '../../db/comments.js';
import { findVideo, findViewableVideo } from '../../db/videos.js';
import type { Reader } from '../auth/reader.js';

/**
 * The video whose comments a reader asks for: with the API key, any of the tenant's own (private
 * too); for a viewer, one of the tenant's ready, non-private videos; with no credential, one
 * that also plays without a token.
 */
export async function commentedVideo(ctx: Context, reader: Reader, videoId: string) {
  const db = ctx.database.db;
  if (reader.kind === 'tenant') return (await findVideo(db, reader.tenantId, videoId))?.video;
  return findViewableVideo(
    db,
    videoId,
    reader.kind === 'viewer' ? { tenantId: reader.tenantId } : { publicOnly: true },
  );
}

export function audienceOf(reader: Reader): CommentAudience {
  if (reader.kind === 'tenant') return { kind: 'tenant' };
  if (reader.kind === 'viewer') return { kind: 'viewer', viewerId: reader.viewerId };
  return { kind: 'public' };
}

/** Whether the reader sees this comment itself (a deleted one stands as its thread's placeholder). */
export function seesComment(reader: Reader, comment: CommentRow): boolean {
  if (reader.kind === 'tenant' || comment.state === 'published' || comment.state === 'deleted') {
    return true;
  }
  return (
    reader.kind === 'viewer' &&
    comment.state === 'held' &&
    comment.authorViewerId === reader.viewerId
  );
}
