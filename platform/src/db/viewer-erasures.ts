import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { ViewerErasureStatus } from '../domain/viewer-erasure.js';
import type { Queryable } from './connection.js';
import { viewerErasures } from './schema.js';

export type ViewerErasureRow = typeof viewerErasures.$inferSelect;

/** The viewer's erasure not yet done, if any, locked: a request joins it. */
export async function lockOpenErasure(tx: Queryable, tenantId: string, viewerId: string) {
  const [row] = await tx
    .select()
    .from(viewerErasures)
    .where(
      and(
        eq(viewerErasures.tenantId, tenantId),
        eq(viewerErasures.viewerId, viewerId),
        ne(viewerErasures.status, 'done'),
      ),
    )
    .for('update');
  return row;
}

/** The viewer's newest erasure, done or not. */
export async function latestErasure(tx: Queryable, tenantId: string, viewerId: string) {
  const [row] = await tx
    .select()
    .from(viewerErasures)
    .where(and(eq(viewerErasures.tenantId, tenantId), eq(viewerErasures.viewerId, viewerId)))
    .orderBy(desc(viewerErasures.requestedAt))
    .limit(1);
  return row;
}

/**
 * A new pending erasure; a concurrent request's one wins the open-erasure index and this
 * inserts nothing (undefined).
 */
export async function insertErasure(tx: Queryable, tenantId: string, viewerId: string) {
  const [row] = await tx
    .insert(viewerErasures)
    .values({ tenantId, viewerId })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findErasure(tx: Queryable, tenantId: string, erasureId: string) {
  const [row] = await tx
    .select()
    .from(viewerErasures)
    .where(and(eq(viewerErasures.tenantId, tenantId), eq(viewerErasures.id, erasureId)));
  return row;
}

/** The oldest erasure not yet done that no other worker holds, locked until commit. */
export async function claimNextErasure(tx: Queryable) {
  const [row] = await tx
    .select()
    .from(viewerErasures)
    .where(ne(viewerErasures.status, 'done'))
    .orderBy(asc(viewerErasures.requestedAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function writeErasureStatus(
  tx: Queryable,
  erasureId: string,
  status: ViewerErasureStatus,
): Promise<ViewerErasureRow> {
  const [row] = await tx
    .update(viewerErasures)
    .set({ status, ...(status === 'done' && { finishedAt: sql`now()` }) })
    .where(eq(viewerErasures.id, erasureId))
    .returning();
  if (!row) throw new Error(`no erasure ${erasureId} to update`);
  return row;
}
