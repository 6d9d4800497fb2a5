import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { LiveStreamStatus } from '../domain/live-stream-status.js';
import type { Queryable } from './connection.js';
import { liveStreams } from './schema.js';

export type LiveStreamRow = typeof liveStreams.$inferSelect;

/** Any change but the status, which moves only through `transitionLiveStream`. */
export type LiveStreamChange = Partial<
  Pick<
    LiveStreamRow,
    'title' | 'latency' | 'channelId' | 'record' | 'recordingVideoId' | 'sessionStartedAt'
  >
> & {
  streamKeyHash?: string;
};

export async function insertLiveStream(
  tx: Queryable,
  row: Omit<typeof liveStreams.$inferInsert, 'id' | 'status'>,
): Promise<LiveStreamRow> {
  const [inserted] = await tx.insert(liveStreams).values(row).returning();
  if (!inserted) throw new Error('inserting a live stream returned no row');
  return inserted;
}

const ofTenant = (tenantId: string, id: string) =>
  and(eq(liveStreams.tenantId, tenantId), eq(liveStreams.id, id));

export async function findLiveStream(db: Queryable, tenantId: string, id: string) {
  const [row] = await db.select().from(liveStreams).where(ofTenant(tenantId, id));
  return row;
}

/** The tenant's stream, locked until the transaction ends. */
export async function lockLiveStream(tx: Queryable, tenantId: string, id: string) {
  const [row] = await tx.select().from(liveStreams).where(ofTenant(tenantId, id)).for('update');
  return row;
}

/** The stream a key opens, whichever tenant's: for the check at an SRT handshake. */
export async function findLiveStreamByKey(db: Queryable, streamKeyHash: string) {
  const [row] = await db
    .select()
    .from(liveStreams)
    .where(eq(liveStreams.streamKeyHash, streamKeyHash));
  return row;
}

/** The stream a key opens, whichever tenant's, locked: for the ingest check. */
export async function lockLiveStreamByKey(tx: Queryable, streamKeyHash: string) {
  const [row] = await tx
    .select()
    .from(liveStreams)
    .where(eq(liveStreams.streamKeyHash, streamKeyHash))
    .for('update');
  return row;
}

/** Any stream by id, locked: for the live worker, which serves every tenant. */
export async function lockLiveStreamById(tx: Queryable, id: string) {
  const [row] = await tx.select().from(liveStreams).where(eq(liveStreams.id, id)).for('update');
  return row;
}

export async function setLiveStream(tx: Queryable, id: string, change: LiveStreamChange) {
  const [row] = await tx
    .update(liveStreams)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(liveStreams.id, id))
    .returning();
  if (!row) throw new Error(`live stream ${id} vanished while it was being changed`);
  return row;
}

/** Only for `transitionLiveStream`. */
export async function writeLiveStreamStatus(
  tx: Queryable,
  id: string,
  status: LiveStreamStatus,
  idleSince: Date | null,
) {
  const [row] = await tx
    .update(liveStreams)
    .set({ status, idleSince, updatedAt: sql`now()` })
    .where(eq(liveStreams.id, id))
    .returning();
  if (!row) throw new Error(`live stream ${id} vanished while its status was being changed`);
  return row;
}

/** Streams whose publisher left before `before`: their reconnect window is over. */
export async function idleStreamsBefore(db: Queryable, before: Date) {
  return db
    .select({ id: liveStreams.id })
    .from(liveStreams)
    .where(and(eq(liveStreams.status, 'idle'), lt(liveStreams.idleSince, before)));
}

/** Active streams whose status last moved before `before`: candidates for an orphaned session. */
export async function activeStreamsMovedBefore(db: Queryable, before: Date) {
  return db
    .select({ id: liveStreams.id })
    .from(liveStreams)
    .where(and(eq(liveStreams.status, 'active'), lt(liveStreams.updatedAt, before)));
}

export async function deleteLiveStream(tx: Queryable, tenantId: string, id: string) {
  const removed = await tx
    .delete(liveStreams)
    .where(ofTenant(tenantId, id))
    .returning({ id: liveStreams.id });
  return removed.length > 0;
}

/** A tenant's streams, newest first, after a keyset position. */
export async function listLiveStreams(
  db: Queryable,
  tenantId: string,
  options: { after?: ListPosition; limit: number },
): Promise<LiveStreamRow[]> {
  const { after } = options;
  return db
    .select()
    .from(liveStreams)
    .where(
      and(
        eq(liveStreams.tenantId, tenantId),
        after
          ? or(
              lt(liveStreams.createdAt, new Date(after.createdAt)),
              and(
                eq(liveStreams.createdAt, new Date(after.createdAt)),
                lt(liveStreams.id, after.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(liveStreams.createdAt), desc(liveStreams.id))
    .limit(options.limit);
}

/** Any stream by id, whichever tenant's: for public playback and the live worker. */
export async function findLiveStreamById(db: Queryable, id: string) {
  const [row] = await db.select().from(liveStreams).where(eq(liveStreams.id, id));
  return row;
}
