import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { Queryable } from './connection.js';
import { blockedMedia } from './schema.js';

export type BlockedMediaRow = typeof blockedMedia.$inferSelect;

/** A tenant's list, or the operator's for every tenant (null). */
export type Blocklist = string | null;

const onList = (list: Blocklist) =>
  list === null ? isNull(blockedMedia.tenantId) : eq(blockedMedia.tenantId, list);

/**
 * Adds a hash to a blocklist, or answers the entry it has (`created: false`); the unique
 * indexes settle concurrent adds of one hash.
 */
export async function insertBlockedMedia(
  tx: Queryable,
  entry: Omit<typeof blockedMedia.$inferInsert, 'id'>,
): Promise<{ row: BlockedMediaRow; created: boolean }> {
  const [inserted] = await tx.insert(blockedMedia).values(entry).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, created: true };
  const [row] = await tx
    .select()
    .from(blockedMedia)
    .where(and(onList(entry.tenantId ?? null), eq(blockedMedia.sha256, entry.sha256)));
  if (!row) throw new Error('a blocked_media row vanished while it was being added again');
  // Blocking by a video a hash already on the list gives that entry the video's frame hashes.
  if (entry.frameHashes && !row.frameHashes) {
    const [updated] = await tx
      .update(blockedMedia)
      .set({ videoId: entry.videoId, frameHashes: entry.frameHashes })
      .where(eq(blockedMedia.id, row.id))
      .returning();
    return { row: updated ?? row, created: false };
  }
  return { row, created: false };
}

/** The entry that blocks this hash for the tenant: its own first, else the operator's. */
export async function matchBlockedMedia(db: Queryable, tenantId: string, sha256: string) {
  const [row] = await db
    .select()
    .from(blockedMedia)
    .where(
      and(
        eq(blockedMedia.sha256, sha256),
        or(eq(blockedMedia.tenantId, tenantId), isNull(blockedMedia.tenantId)),
      ),
    )
    .orderBy(sql`${blockedMedia.tenantId} NULLS LAST`)
    .limit(1);
  return row;
}

/** A list's entries, newest first, after a keyset position. */
export async function listBlockedMedia(
  db: Queryable,
  list: Blocklist,
  options: { after?: ListPosition; limit: number },
): Promise<BlockedMediaRow[]> {
  const { after } = options;
  return db
    .select()
    .from(blockedMedia)
    .where(
      and(
        onList(list),
        after
          ? or(
              lt(blockedMedia.createdAt, new Date(after.createdAt)),
              and(
                eq(blockedMedia.createdAt, new Date(after.createdAt)),
                lt(blockedMedia.id, after.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(blockedMedia.createdAt), desc(blockedMedia.id))
    .limit(options.limit);
}

/** Removes an entry of the list; false when it has none with this id. */
export async function deleteBlockedMedia(db: Queryable, list: Blocklist, id: string) {
  const removed = await db
    .delete(blockedMedia)
    .where(and(onList(list), eq(blockedMedia.id, id)))
    .returning({ id: blockedMedia.id });
  return removed.length > 0;
}
