import { and, asc, desc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
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
  options: ChatListOptions,
): Promise<LiveChatRow[]> {
  return listWhere(db, eq(liveChatMessages.liveStreamId, liveStreamId), options);
}

/** A recording's messages not deleted, as `listChatMessages` orders them. */
export async function listRecordedChat(db: Queryable, videoId: string, options: ChatListOptions) {
  return listWhere(db, eq(liveChatMessages.recordingVideoId, videoId), options);
}

type ChatListOptions = { direction: 'before' | 'after'; seq?: number; limit: number };

function listWhere(db: Queryable, of: ReturnType<typeof eq>, options: ChatListOptions) {
  const { direction, seq } = options;
  const after = direction === 'after';
  return db
    .select()
    .from(liveChatMessages)
    .where(
      and(
        of,
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

/**
 * The messages of a session (posted since it began) join its recording, each with its offset
 * from the recording's first frame (0 for those before it).
 */
export async function attachChatToRecording(
  tx: Queryable,
  input: { liveStreamId: string; sessionStartedAt: Date; videoId: string; recordingStart: Date },
) {
  await tx
    .update(liveChatMessages)
    .set({
      recordingVideoId: input.videoId,
      recordingAtSec: sql`greatest(0, extract(epoch from ${liveChatMessages.createdAt} - ${input.recordingStart.toISOString()}::timestamptz))`,
    })
    .where(
      and(
        eq(liveChatMessages.liveStreamId, input.liveStreamId),
        isNull(liveChatMessages.recordingVideoId),
        gte(liveChatMessages.createdAt, input.sessionStartedAt),
      ),
    );
}
