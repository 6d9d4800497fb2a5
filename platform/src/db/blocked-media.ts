import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { Queryable } from './connection.js';
import { blockedMedia } from './schema.js';

export type BlockedMediaRow = typeof blockedMedia.$inferSelect;

/**
 * Adds a hash to the tenant's blocklist, or answers the entry it has (`created: false`); the
 * unique index settles concurrent adds of one hash.
 */
export async function insertBlockedMedia(
  tx: Queryable,
  entry: Omit<typeof blockedMedia.$inferInsert, 'id'>,
): Promise<{ row: BlockedMediaRow; created: boolean }> {
  const [inserted] = await tx.insert(blockedMedia).values(entry).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, created: true };
  const row = await findBlockedMedia(tx, entry.tenantId, entry.sha256);
  if (!row) throw new Error('a blocked_media row vanished while it was being added again');
  return { row, created: false };
}

/** The tenant's entry for this hash, if it blocks it. */
export async function findBlockedMedia(db: Queryable, tenantId: string, sha256: string) {
  const [row] = await db
    .select()
    .from(blockedMedia)
    .where(and(eq(blockedMedia.tenantId, tenantId), eq(blockedMedia.sha256, sha256)));
  return row;
}

/** The tenant's entries, newest first, after a keyset position. */
export async function listBlockedMedia(
  db: Queryable,
  tenantId: string,
  options: { after?: ListPosition; limit: number },
): Promise<BlockedMediaRow[]> {
  const { after } = options;
  return db
    .select()
    .from(blockedMedia)
    .where(
      and(
        eq(blockedMedia.tenantId, tenantId),
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

/** Removes an entry; false when the tenant has none with this id. */
export async function deleteBlockedMedia(db: Queryable, tenantId: string, id: string) {
  const removed = await db
    .delete(blockedMedia)
    .where(and(eq(blockedMedia.tenantId, tenantId), eq(blockedMedia.id, id)))
    .returning({ id: blockedMedia.id });
  return removed.length > 0;
}
