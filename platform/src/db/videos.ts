import { and, asc, desc, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { ChannelVideosPosition } from '../domain/channel-videos-cursor.js';
import type { VideoListPosition, VideoListSort } from '../domain/video-list-cursor.js';
import type { VideoStatus } from '../domain/video-status.js';
import type { Queryable } from './connection.js';
import { type DownloadRow, downloadsOfVideos } from './downloads.js';
import { thumbnails, videoRenditions, videos } from './schema.js';

export type VideoRow = typeof videos.$inferSelect;
export type RenditionRow = typeof videoRenditions.$inferSelect;
type ThumbnailRow = typeof thumbnails.$inferSelect;
/** Any change but the status, which moves only through `transitionVideo`. */
export type VideoChange = Partial<Omit<VideoRow, 'id' | 'status'>> & { status?: never };
/** A new video's fields; every video starts waiting for its upload. */
export type NewVideo = Omit<typeof videos.$inferInsert, 'status'> & { status?: never };
export interface VideoWithRenditions {
  video: VideoRow;
  renditions: RenditionRow[];
  /** The MP4 downloads made; left out by callers that never show them. */
  downloads?: DownloadRow[];
}

const live = isNull(videos.deletedAt);

async function withRenditions(db: Queryable, rows: VideoRow[]): Promise<VideoWithRenditions[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const renditions = await db
    .select()
    .from(videoRenditions)
    .where(sql`${videoRenditions.videoId} in ${ids}`)
    .orderBy(asc(videoRenditions.height));
  const downloads = await downloadsOfVideos(db, ids);
  return rows.map((video) => ({
    video,
    renditions: renditions.filter((r) => r.videoId === video.id),
    downloads: downloads.filter((d) => d.videoId === video.id),
  }));
}

/** A tenant's video; another tenant's id reads as missing. */
export async function findVideo(
  db: Queryable,
  tenantId: string,
  videoId: string,
): Promise<VideoWithRenditions | undefined> {
  const rows = await db
    .select()
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.tenantId, tenantId), live));
  return (await withRenditions(db, rows))[0];
}

/** A video for playback, which carries no tenant: only the video id. */
export async function findPlayableVideo(db: Queryable, videoId: string) {
  const [row] = await db
    .select()
    .from(videos)
    .where(and(eq(videos.id, videoId), live));
  return row;
}

/**
 * A video a viewer may like and comment on: ready, live and not private. With `publicOnly`, also
 * one anyone may play (not `signed`): for reads made without credentials.
 */
export async function findViewableVideo(
  db: Queryable,
  videoId: string,
  scope: { tenantId: string } | { publicOnly: true },
) {
  const [row] = await db
    .select()
    .from(videos)
    .where(
      and(
        eq(videos.id, videoId),
        live,
        eq(videos.status, 'ready'),
        ne(videos.visibility, 'private'),
        'tenantId' in scope
          ? eq(videos.tenantId, scope.tenantId)
          : eq(videos.playbackPolicy, 'public'),
      ),
    );
  return row;
}

export async function listVideos(
  db: Queryable,
  tenantId: string,
  options: {
    sort: VideoListSort;
    after?: VideoListPosition;
    limit: number;
    status?: VideoStatus;
    visibility?: VideoRow['visibility'];
  },
): Promise<VideoWithRenditions[]> {
  const { after } = options;
  const position =
    after?.sort === 'newest'
      ? or(
          lt(videos.createdAt, new Date(after.createdAt)),
          and(eq(videos.createdAt, new Date(after.createdAt)), lt(videos.id, after.id)),
        )
      : after?.sort === 'most_viewed'
        ? sql`(${videos.viewCount}, ${videos.createdAt}, ${videos.id}) < (${after.views}::bigint, ${after.createdAt}::timestamptz, ${after.id}::uuid)`
        : undefined;
  const order =
    options.sort === 'newest'
      ? [desc(videos.createdAt), desc(videos.id)]
      : [desc(videos.viewCount), desc(videos.createdAt), desc(videos.id)];
  const rows = await db
    .select()
    .from(videos)
    .where(
      and(
        eq(videos.tenantId, tenantId),
        live,
        options.status ? eq(videos.status, options.status) : undefined,
        options.visibility ? eq(videos.visibility, options.visibility) : undefined,
        position,
      ),
    )
    .orderBy(...order)
    .limit(options.limit);
  return withRenditions(db, rows);
}

/** Locks a video row for a state change; tenant-scoped when a tenant is given. */
export async function lockVideo(db: Queryable, videoId: string, tenantId?: string) {
  const [row] = await db
    .select()
    .from(videos)
    .where(and(eq(videos.id, videoId), live, tenantId ? eq(videos.tenantId, tenantId) : undefined))
    // Not FOR UPDATE: rows that reference the video (a comment, a like) may still be inserted.
    .for('no key update');
  return row;
}

async function updateVideo(db: Queryable, videoId: string, change: Partial<VideoRow>) {
  const [row] = await db
    .update(videos)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(videos.id, videoId))
    .returning();
  if (!row) throw new Error(`video ${videoId} vanished during an update`);
  return row;
}

export const setVideo = (db: Queryable, videoId: string, change: VideoChange) =>
  updateVideo(db, videoId, change);

/** For `transitionVideo` alone, which checks the move first. */
export const writeVideoStatus = (
  db: Queryable,
  videoId: string,
  status: VideoStatus,
  change: VideoChange,
) => updateVideo(db, videoId, { ...change, status });

export async function insertVideo(db: Queryable, video: NewVideo): Promise<void> {
  await db.insert(videos).values({ ...video, status: 'waiting_for_upload' });
}

/** Replaces a video's renditions and thumbnails with a transcode's, in the caller's transaction. */
export async function replaceTranscodeOutputs(
  tx: Queryable,
  videoId: string,
  outputs: { renditions: RenditionRow[]; thumbnails: ThumbnailRow[] },
): Promise<void> {
  await tx.delete(videoRenditions).where(eq(videoRenditions.videoId, videoId));
  await tx.insert(videoRenditions).values(outputs.renditions);
  await tx.delete(thumbnails).where(eq(thumbnails.videoId, videoId));
  await tx.insert(thumbnails).values(outputs.thumbnails);
}

/** A video as it is now, deleted or not: for event payloads, which outlive deletion. */
export async function findVideoForEvent(
  db: Queryable,
  videoId: string,
): Promise<VideoWithRenditions | undefined> {
  const rows = await db.select().from(videos).where(eq(videos.id, videoId));
  return (await withRenditions(db, rows))[0];
}

/**
 * The videos a search returned, in its order, re-checked here: only the tenant's public, ready,
 * live videos, whatever a lagging index still holds.
 */
export async function findSearchableVideos(
  db: Queryable,
  tenantId: string,
  videoIds: readonly string[],
): Promise<VideoWithRenditions[]> {
  if (videoIds.length === 0) return [];
  const rows = await db
    .select()
    .from(videos)
    .where(
      and(
        sql`${videos.id} in ${videoIds}`,
        eq(videos.tenantId, tenantId),
        eq(videos.status, 'ready'),
        eq(videos.visibility, 'public'),
        live,
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = videoIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  return withRenditions(db, ordered);
}

/** One more view; a single-row UPDATE, so concurrent views all count. */
export async function countViews(
  db: Queryable,
  viewsByVideo: ReadonlyMap<string, number>,
): Promise<void> {
  if (viewsByVideo.size === 0) return;
  const ids = [...viewsByVideo.keys()];
  const added = [...viewsByVideo.values()];
  await db.execute(sql`update videos set view_count = videos.view_count + added.views
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(added)}::int[]) as added(id, views)
    where videos.id = added.id`);
}

/** Videos whose view count moved since the search index last heard it. */
export async function unindexedViewCounts(db: Queryable, limit: number) {
  return db
    .select({ videoId: videos.id, views: videos.viewCount })
    .from(videos)
    .where(sql`${videos.viewCount} <> ${videos.viewsIndexed}`)
    .limit(limit);
}

/** Records the counts the search index now holds, in one statement. */
export async function markViewsIndexed(
  db: Queryable,
  counts: readonly { videoId: string; views: number }[],
): Promise<void> {
  if (counts.length === 0) return;
  const rows = sql.join(
    counts.map(({ videoId, views }) => sql`(${videoId}::uuid, ${views}::bigint)`),
    sql`, `,
  );
  await db.execute(sql`update videos set views_indexed = c.views
    from (values ${rows}) as c(id, views) where videos.id = c.id`);
}

/** A channel's public, ready, live videos for its public page, newest or most viewed first. */
export async function listChannelVideos(
  db: Queryable,
  channelId: string,
  options: { sort: 'newest' | 'most_viewed'; after?: ChannelVideosPosition; limit: number },
): Promise<VideoWithRenditions[]> {
  const { after } = options;
  const position =
    after?.sort === 'newest'
      ? sql`(${videos.publishedAt}, ${videos.id}) < (${after.publishedAt}::timestamptz, ${after.id}::uuid)`
      : after?.sort === 'most_viewed'
        ? sql`(${videos.viewCount}, ${videos.publishedAt}, ${videos.id}) < (${after.views}::bigint, ${after.publishedAt}::timestamptz, ${after.id}::uuid)`
        : undefined;
  const order =
    options.sort === 'newest'
      ? [desc(videos.publishedAt), desc(videos.id)]
      : [desc(videos.viewCount), desc(videos.publishedAt), desc(videos.id)];
  const rows = await db
    .select()
    .from(videos)
    .where(
      and(
        eq(videos.channelId, channelId),
        eq(videos.status, 'ready'),
        eq(videos.visibility, 'public'),
        sql`${videos.publishedAt} is not null`,
        live,
        position,
      ),
    )
    .orderBy(...order)
    .limit(options.limit);
  return withRenditions(db, rows);
}
