import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from './connection.js';
import { videoDownloads } from './schema.js';

export type DownloadRow = typeof videoDownloads.$inferSelect;

/** The downloads of these videos, smallest first. */
export function downloadsOfVideos(db: Queryable, videoIds: readonly string[]) {
  return db
    .select()
    .from(videoDownloads)
    .where(sql`${videoDownloads.videoId} in ${videoIds}`)
    .orderBy(videoDownloads.height, videoDownloads.name);
}

/** Records a made download; making it again replaces the row. */
export async function recordDownload(db: Queryable, row: typeof videoDownloads.$inferInsert) {
  await db
    .insert(videoDownloads)
    .values(row)
    .onConflictDoUpdate({
      target: [videoDownloads.videoId, videoDownloads.name],
      set: { width: row.width, height: row.height, sizeBytes: row.sizeBytes },
    });
}

/** Forgets the named downloads of a video. */
export async function forgetDownloads(db: Queryable, videoId: string, names: readonly string[]) {
  if (names.length === 0) return;
  await db
    .delete(videoDownloads)
    .where(and(eq(videoDownloads.videoId, videoId), sql`${videoDownloads.name} in ${[...names]}`));
}
