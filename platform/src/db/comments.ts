import { and, asc, desc, eq, gt, ne, or, sql } from 'drizzle-orm';
import type { CommentState } from '../domain/comment-moderation.js';
import type { Queryable } from './connection.js';
import { comments, videos } from './schema.js';

export type CommentRow = typeof comments.$inferSelect;
export type NewComment = Omit<typeof comments.$inferInsert, 'id' | 'replyCount'> & { id: string };

export async function insertComment(tx: Queryable, comment: NewComment): Promise<CommentRow> {
  const [row] = await tx.insert(comments).values(comment).returning();
  if (!row) throw new Error('insert into comments returned no row');
  return row;
}

/** A published comment on this video, for a reply to answer. */
export async function findPublishedComment(tx: Queryable, videoId: string, commentId: string) {
  const [row] = await tx
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.id, commentId),
        eq(comments.videoId, videoId),
        eq(comments.state, 'published'),
      ),
    );
  return row;
}

/** A viewer's own published comment, locked for a change; anyone else's reads as missing. */
export async function lockOwnComment(tx: Queryable, commentId: string, viewerId: string) {
  const [row] = await tx
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.id, commentId),
        eq(comments.authorViewerId, viewerId),
        eq(comments.state, 'published'),
      ),
    )
    .for('update');
  return row;
}

export async function setCommentText(tx: Queryable, commentId: string, text: string) {
  const [row] = await tx
    .update(comments)
    .set({ text, editedAt: new Date() })
    .where(eq(comments.id, commentId))
    .returning();
  if (!row) throw new Error(`comment ${commentId} vanished during an edit`);
  return row;
}

/** Keeps the row (a thread's placeholder, a cursor's anchor) but not its text. */
export async function markCommentDeleted(tx: Queryable, commentId: string): Promise<void> {
  await tx.update(comments).set({ state: 'deleted', text: '' }).where(eq(comments.id, commentId));
}

/** Counts a published comment in or out, on its video and, for a reply, on its thread. */
export async function moveCommentCounts(
  tx: Queryable,
  comment: Pick<CommentRow, 'videoId' | 'threadId' | 'parentId'>,
  by: 1 | -1,
): Promise<void> {
  await tx
    .update(videos)
    .set({ commentCount: sql`${videos.commentCount} + ${by}` })
    .where(eq(videos.id, comment.videoId));
  if (comment.parentId === null) return;
  await tx
    .update(comments)
    .set({ replyCount: sql`${comments.replyCount} + ${by}` })
    .where(eq(comments.id, comment.threadId));
}

/**
 * Who reads a list of comments: the public sees published ones, a viewer also their own held
 * ones, the tenant every state but deleted.
 */
export type CommentAudience =
  | { kind: 'public' }
  | { kind: 'viewer'; viewerId: string }
  | { kind: 'tenant' };

function shownTo(audience: CommentAudience) {
  if (audience.kind === 'tenant') return ne(comments.state, 'deleted');
  const published = eq(comments.state, 'published');
  if (audience.kind === 'public') return published;
  return or(
    published,
    and(eq(comments.state, 'held'), eq(comments.authorViewerId, audience.viewerId)),
  );
}

/** A top-level comment that lists show: one the audience sees, or deleted with replies left. */
const shownTopLevel = (audience: CommentAudience) =>
  and(
    sql`${comments.parentId} is null`,
    or(shownTo(audience), and(eq(comments.state, 'deleted'), gt(comments.replyCount, 0))),
  );

// Positions compare against the anchor row itself, at Postgres' microsecond precision.
const anchor = (afterId: string) =>
  sql`(select anchor.created_at from comments anchor where anchor.id = ${afterId}::uuid)`;

export async function listTopLevelComments(
  db: Queryable,
  videoId: string,
  options: {
    audience: CommentAudience;
    order: 'newest' | 'oldest';
    afterId?: string;
    limit: number;
  },
): Promise<CommentRow[]> {
  const { afterId } = options;
  const newest = options.order === 'newest';
  const position = afterId
    ? newest
      ? sql`(${comments.createdAt}, ${comments.id}) < (${anchor(afterId)}, ${afterId}::uuid)`
      : sql`(${comments.createdAt}, ${comments.id}) > (${anchor(afterId)}, ${afterId}::uuid)`
    : undefined;
  return db
    .select()
    .from(comments)
    .where(and(eq(comments.videoId, videoId), shownTopLevel(options.audience), position))
    .orderBy(
      ...(newest
        ? [desc(comments.createdAt), desc(comments.id)]
        : [asc(comments.createdAt), asc(comments.id)]),
    )
    .limit(options.limit);
}

/** A thread's replies the audience sees, oldest first. */
export async function listThreadReplies(
  db: Queryable,
  threadId: string,
  options: { audience: CommentAudience; afterId?: string; limit: number },
): Promise<CommentRow[]> {
  const { afterId } = options;
  return db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.threadId, threadId),
        sql`${comments.parentId} is not null`,
        shownTo(options.audience),
        afterId
          ? sql`(${comments.createdAt}, ${comments.id}) > (${anchor(afterId)}, ${afterId}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(options.limit);
}

/** Any comment by id, whatever its state: for a thread or a cursor's anchor. */
export async function findComment(db: Queryable, commentId: string) {
  const [row] = await db.select().from(comments).where(eq(comments.id, commentId));
  return row;
}

/** A tenant's comment, locked for a moderation decision. */
export async function lockTenantComment(tx: Queryable, tenantId: string, commentId: string) {
  const [row] = await tx
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.tenantId, tenantId)))
    .for('update');
  return row;
}

export async function setCommentState(tx: Queryable, commentId: string, state: CommentState) {
  const [row] = await tx
    .update(comments)
    .set({ state })
    .where(eq(comments.id, commentId))
    .returning();
  if (!row) throw new Error(`comment ${commentId} vanished during moderation`);
  return row;
}

/** A tenant's comments in one state, oldest first: the moderation queue. */
export async function listCommentsInState(
  db: Queryable,
  tenantId: string,
  options: { state: CommentState; afterId?: string; limit: number },
): Promise<CommentRow[]> {
  const { afterId } = options;
  return db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.tenantId, tenantId),
        eq(comments.state, options.state),
        afterId
          ? sql`(${comments.createdAt}, ${comments.id}) > (${anchor(afterId)}, ${afterId}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(options.limit);
}
