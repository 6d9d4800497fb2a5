import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { UploadStatus } from '../domain/upload-state.js';
import type { Queryable } from './connection.js';
import { uploads } from './schema.js';

export type UploadRow = typeof uploads.$inferSelect;
/** Any change but the status, which moves only through `transitionUpload`. */
export type UploadChange = Partial<Omit<UploadRow, 'id' | 'status'>> & { status?: never };
/** A new upload's fields; every upload starts pending. */
export type NewUpload = Omit<typeof uploads.$inferInsert, 'status'> & { status?: never };

export async function insertUpload(db: Queryable, upload: NewUpload): Promise<UploadRow> {
  const [row] = await db
    .insert(uploads)
    .values({ ...upload, status: 'pending' })
    .returning();
  if (!row) throw new Error('upload insert returned nothing');
  return row;
}

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

async function updateUpload(db: Queryable, uploadId: string, change: Partial<UploadRow>) {
  const [row] = await db.update(uploads).set(change).where(eq(uploads.id, uploadId)).returning();
  if (!row) throw new Error(`upload ${uploadId} vanished during an update`);
  return row;
}

export const setUpload = (db: Queryable, uploadId: string, change: UploadChange) =>
  updateUpload(db, uploadId, change);

/** For `transitionUpload` alone, which checks the move first. */
export const writeUploadStatus = (
  db: Queryable,
  uploadId: string,
  status: UploadStatus,
  change: UploadChange,
) => updateUpload(db, uploadId, { ...change, status });

/** A video's pending uploads, locked: deleting the video aborts them. */
export async function lockPendingUploadsOf(db: Queryable, videoId: string) {
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.videoId, videoId), eq(uploads.status, 'pending')))
    .for('update');
}

/** Pending uploads past their expiry, locked for this sweeper; a sweeper beside it skips them. */
export async function lockExpiredUploads(db: Queryable, limit: number, now = new Date()) {
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.status, 'pending'), lte(uploads.expiresAt, now), notCompleting()))
    .orderBy(asc(uploads.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

const notCompleting = () =>
  or(isNull(uploads.completingUntil), sql`${uploads.completingUntil} < now()`);

/**
 * Claims a pending upload for one complete request for `leaseSec`, so the long assembly and
 * hashing run without holding a row lock or a connection. Undefined when it is not pending or
 * another request holds the claim; a claim whose request died lapses.
 */
export async function claimCompletion(
  db: Queryable,
  tenantId: string,
  uploadId: string,
  leaseSec: number,
) {
  const [row] = await db
    .update(uploads)
    .set({ completingUntil: sql`now() + make_interval(secs => ${leaseSec})` })
    .where(
      and(
        eq(uploads.id, uploadId),
        eq(uploads.tenantId, tenantId),
        eq(uploads.status, 'pending'),
        notCompleting(),
      ),
    )
    .returning();
  return row;
}
