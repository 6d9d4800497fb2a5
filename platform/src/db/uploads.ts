import { and, asc, eq, lte } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { uploads } from './schema.js';

export type UploadRow = typeof uploads.$inferSelect;

export async function findUpload(db: Queryable, tenantId: string, uploadId: string) {
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.tenantId, tenantId)));
  return row;
}

/** For the signed part route, which proves the upload by signature rather than by API key. */
export async function findUploadById(db: Queryable, uploadId: string) {
  const [row] = await db.select().from(uploads).where(eq(uploads.id, uploadId));
  return row;
}

export async function lockUpload(db: Queryable, tenantId: string, uploadId: string) {
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.tenantId, tenantId)))
    .for('update');
  return row;
}

export async function setUpload(db: Queryable, uploadId: string, change: Partial<UploadRow>) {
  const [row] = await db.update(uploads).set(change).where(eq(uploads.id, uploadId)).returning();
  if (!row) throw new Error(`upload ${uploadId} vanished during an update`);
  return row;
}

/** Pending uploads past their expiry, locked for this sweeper; a sweeper beside it skips them. */
export async function lockExpiredUploads(db: Queryable, limit: number, now = new Date()) {
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.status, 'pending'), lte(uploads.expiresAt, now)))
    .orderBy(asc(uploads.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}
