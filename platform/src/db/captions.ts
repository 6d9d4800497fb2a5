import { and, asc, desc, eq, lt, or } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { Queryable } from './connection.js';
import { videoCaptions } from './schema.js';

export type CaptionRow = typeof videoCaptions.$inferSelect;

/** Adds a track; a new default takes the place of the video's old one. */
export async function insertCaption(
  tx: Queryable,
  caption: typeof videoCaptions.$inferInsert,
): Promise<CaptionRow> {
  if (caption.isDefault) {
    await tx
      .update(videoCaptions)
      .set({ isDefault: false })
      .where(and(eq(videoCaptions.videoId, caption.videoId), eq(videoCaptions.isDefault, true)));
  }
  const [row] = await tx.insert(videoCaptions).values(caption).returning();
  if (!row) throw new Error('insert into video_captions returned no row');
  return row;
}

const ofVideo = (tenantId: string, videoId: string) =>
  and(eq(videoCaptions.tenantId, tenantId), eq(videoCaptions.videoId, videoId));

/** A video's tracks, newest first, after a keyset position. */
export function listCaptions(
  db: Queryable,
  tenantId: string,
  videoId: string,
  options: { after?: ListPosition; limit: number },
): Promise<CaptionRow[]> {
  const { after } = options;
  return db
    .select()
    .from(videoCaptions)
    .where(
      and(
        ofVideo(tenantId, videoId),
        after
          ? or(
              lt(videoCaptions.createdAt, new Date(after.createdAt)),
              and(
                eq(videoCaptions.createdAt, new Date(after.createdAt)),
                lt(videoCaptions.id, after.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(videoCaptions.createdAt), desc(videoCaptions.id))
    .limit(options.limit);
}

/** Every track of a video for its manifest, oldest first, so the order players show stays put. */
export function captionsOfVideo(db: Queryable, videoId: string): Promise<CaptionRow[]> {
  return db
    .select()
    .from(videoCaptions)
    .where(eq(videoCaptions.videoId, videoId))
    .orderBy(asc(videoCaptions.createdAt), asc(videoCaptions.id));
}

export async function findCaption(db: Queryable, videoId: string, captionId: string) {
  const [row] = await db
    .select()
    .from(videoCaptions)
    .where(and(eq(videoCaptions.videoId, videoId), eq(videoCaptions.id, captionId)));
  return row;
}

/** Removes a tenant's track; undefined when it has none with this id on this video. */
export async function deleteCaption(
  db: Queryable,
  tenantId: string,
  videoId: string,
  captionId: string,
): Promise<CaptionRow | undefined> {
  const [removed] = await db
    .delete(videoCaptions)
    .where(and(ofVideo(tenantId, videoId), eq(videoCaptions.id, captionId)))
    .returning();
  return removed;
}
