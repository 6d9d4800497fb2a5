import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listCommentsInState } from '../../db/comments.js';
import { commentPage } from './comment-page.js';
import { anchorIn } from './list-comments.js';

/** The tenant's comments in one moderation state, oldest first (`held`: the queue). */
export async function listModerationComments(
  ctx: Context,
  input: {
    tenantId: string;
    state?: components['schemas']['ModerationState'];
    cursor?: string;
    limit?: number;
  },
): Promise<components['schemas']['CommentList']> {
  const state = input.state ?? 'held';
  const afterId = await anchorIn(ctx, input.cursor, (c) => c.tenantId === input.tenantId);
  return commentPage(input.limit, (limit) =>
    listCommentsInState(ctx.database.db, input.tenantId, { state, afterId, limit }),
  );
}
