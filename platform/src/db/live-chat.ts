import { and, asc, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { liveChatMessages } from './schema.js';

export type LiveChatRow = typeof liveChatMessages.$inferSelect;

export async function insertChatMessage(
  tx: Queryable,
  row: Omit<typeof liveChatMessages.$inferInsert, 'id' | 'seq' | 'createdAt' | 'deletedAt'>,
): Promise<LiveChatRow> {
  const [inserted] = await tx.insert(liveChatMessages).values(row).returning();
  if (!inserted) throw new Error('inserting a chat message returned no row');
  return inserted;
}

/** A message of this stream, deleted or not (a cursor or `Last-Event-ID` may name either). */
export async function findChatMessage(db: Queryable, liveStreamId: string, id: string) {
  const [row] = await db
    .select()
    .from(liveChatMessages)
    .where(and(eq(liveChatMessages.liveStreamId, liveStreamId), eq(liveChatMessages.id, id)));
  return row;
}

/**
 * A stream's messages not deleted: newest first before `seq`, or oldest first after it
 * (`direction: 'after'`, a replay).
 */
export async function listChatMessages(
  db: Queryable,
  liveStreamId: string,
  options: { direction: 'before' | 'after'; seq?: number; limit: number },
): Promise<LiveChatRow[]> {
  const { direction, seq } = options;
  const after = direction === 'after';
  return db
    .select()
    .from(liveChatMessages)
    .where(
      and(
        eq(liveChatMessages.liveStreamId, liveStreamId),
        isNull(liveChatMessages.deletedAt),
        seq === undefined
          ? undefined
          : after
            ? gt(liveChatMessages.seq, seq)
            : lt(liveChatMessages.seq, seq),
      ),
    )
    .orderBy(after ? asc(liveChatMessages.seq) : desc(liveChatMessages.seq))
    .limit(options.limit);
}

/** Marks a message deleted; undefined when it is not this stream's or is deleted already. */
export async function markChatMessageDeleted(tx: Queryable, liveStreamId: string, id: string) {
  const [row] = await tx
    .update(liveChatMessages)
    .set({ deletedAt: new Date() })
    .where(
      and(
        eq(liveChatMessages.liveStreamId, liveStreamId),
        eq(liveChatMessages.id, id),
        isNull(liveChatMessages.deletedAt),
      ),
    )
    .returning();
  return row;
}
