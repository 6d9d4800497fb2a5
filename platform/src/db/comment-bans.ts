import { and, eq } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { commentBans } from './schema.js';

export async function isBanned(db: Queryable, tenantId: string, viewerId: string) {
  const [row] = await db
    .select({ viewerId: commentBans.viewerId })
    .from(commentBans)
    .where(and(eq(commentBans.tenantId, tenantId), eq(commentBans.viewerId, viewerId)));
  return row !== undefined;
}

/** Bans a viewer; banning again keeps the first date and takes the new reason. */
export async function upsertBan(
  db: Queryable,
  ban: { tenantId: string; viewerId: string; reason: string },
) {
  const [row] = await db
    .insert(commentBans)
    .values(ban)
    .onConflictDoUpdate({
      target: [commentBans.tenantId, commentBans.viewerId],
      set: { reason: ban.reason },
    })
    .returning();
  if (!row) throw new Error('upsert into comment_bans returned no row');
  return row;
}

/** Lifts a ban; false when there was none. */
export async function deleteBan(db: Queryable, tenantId: string, viewerId: string) {
  const removed = await db
    .delete(commentBans)
    .where(and(eq(commentBans.tenantId, tenantId), eq(commentBans.viewerId, viewerId)))
    .returning();
  return removed.length > 0;
}
