import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { deleteBan, upsertBan } from '../../db/comment-bans.js';
import { notFound } from '../../domain/errors.js';

/** Bans a viewer from commenting on the tenant's videos. */
export async function banViewer(
  ctx: Context,
  input: { tenantId: string; viewerId: string; reason?: string },
): Promise<components['schemas']['CommentBan']> {
  const row = await upsertBan(ctx.database.db, { ...input, reason: input.reason ?? '' });
  return { viewer_id: row.viewerId, reason: row.reason, created_at: row.createdAt.toISOString() };
}

export async function liftBan(ctx: Context, input: { tenantId: string; viewerId: string }) {
  if (!(await deleteBan(ctx.database.db, input.tenantId, input.viewerId))) {
    throw notFound('Ban');
  }
}
