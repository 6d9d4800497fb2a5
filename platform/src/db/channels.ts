import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { Queryable } from './connection.js';
import { channels, subscriptions, videos } from './schema.js';

export type ChannelRow = typeof channels.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type ChannelChange = Partial<
  Pick<ChannelRow, 'handle' | 'title' | 'description' | 'ownerViewerId'>
>;

const live = isNull(channels.deletedAt);

const newerThan = (
  column: { createdAt: typeof channels.createdAt | typeof subscriptions.createdAt },
  id: typeof channels.id | typeof subscriptions.channelId,
  after: ListPosition | undefined,
) =>
  after
    ? or(
        lt(column.createdAt, new Date(after.createdAt)),
        and(eq(column.createdAt, new Date(after.createdAt)), lt(id, after.id)),
      )
    : undefined;

/** Whether `error` is Postgres refusing a second live channel with the same handle. */
export function isHandleTaken(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'channels_handle_idx') return true;
  }
  return false;
}

export async function insertChannel(
  db: Queryable,
  channel: typeof channels.$inferInsert,
): Promise<ChannelRow> {
  const now = new Date(); // millisecond times, as cursors carry them
  const [row] = await db
    .insert(channels)
    .values({ ...channel, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('channel insert returned no row');
  return row;
}

/** A live channel of the tenant; another tenant's id or a deleted channel reads as missing. */
export async function findChannel(db: Queryable, tenantId: string, channelId: string) {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId), live));
  return row;
}

/**
 * Holds a live channel of the tenant until the transaction ends, so it cannot be deleted while
 * a video or a subscription is being tied to it; undefined when there is none.
 */
export async function holdChannel(tx: Queryable, tenantId: string, channelId: string) {
  const [row] = await tx
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId), live))
    // Key share lets the counters role move subscriber counts meanwhile; the deletion's FOR
    // UPDATE waits for it.
    .for('key share');
  return row;
}

/**
 * A live channel of the tenant, locked until the transaction ends: for a change to compare.
 * An update takes `no key update`, which lets subscriptions (`holdChannel`) go on; a deletion
 * takes `update`, which waits for them.
 */
export async function lockChannel(
  tx: Queryable,
  tenantId: string,
  channelId: string,
  strength: 'update' | 'no key update',
) {
  const [row] = await tx
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId), live))
    .for(strength);
  return row;
}

/** A live channel by its id alone, for public pages, which carry no tenant. */
export async function findPublicChannel(db: Queryable, channelId: string) {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), live));
  return row;
}

export async function listChannels(
  db: Queryable,
  tenantId: string,
  after: ListPosition | undefined,
  limit: number,
) {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.tenantId, tenantId), live, newerThan(channels, channels.id, after)))
    .orderBy(desc(channels.createdAt), desc(channels.id))
    .limit(limit);
}

export async function updateChannel(
  db: Queryable,
  tenantId: string,
  channelId: string,
  change: ChannelChange,
) {
  const [row] = await db
    .update(channels)
    .set({ ...change, updatedAt: new Date() })
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId), live))
    .returning();
  return row;
}

/**
 * Marks the channel deleted, takes its videos off it and drops its subscriptions; answers the
 * ids of the videos it held (their cached copies are stale), or undefined if there was none.
 */
export async function deleteChannel(db: Queryable, tenantId: string, channelId: string) {
  // Waits for transactions still tying videos or subscriptions to it (`holdChannel`).
  await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId), live))
    .for('update');
  const [row] = await db
    .update(channels)
    .set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId), live))
    .returning({ id: channels.id });
  if (!row) return undefined;
  await db.delete(subscriptions).where(eq(subscriptions.channelId, channelId));
  const unlinked = await db
    .update(videos)
    .set({ channelId: null, updatedAt: new Date() })
    .where(eq(videos.channelId, channelId))
    .returning({ id: videos.id });
  return unlinked.map((v) => v.id);
}

/** Subscribes the viewer; true only when a row was really inserted (repeats are harmless). */
export async function insertSubscription(
  tx: Queryable,
  row: { tenantId: string; viewerId: string; channelId: string },
): Promise<boolean> {
  const inserted = await tx
    .insert(subscriptions)
    // Millisecond times, as cursors carry them.
    .values({ ...row, createdAt: new Date() })
    .onConflictDoNothing()
    .returning({ channelId: subscriptions.channelId });
  return inserted.length > 0;
}

/** Unsubscribes the viewer; true only when a row was really deleted. */
export async function deleteSubscription(
  tx: Queryable,
  row: { tenantId: string; viewerId: string; channelId: string },
): Promise<boolean> {
  const deleted = await tx
    .delete(subscriptions)
    .where(
      and(
        eq(subscriptions.tenantId, row.tenantId),
        eq(subscriptions.viewerId, row.viewerId),
        eq(subscriptions.channelId, row.channelId),
      ),
    )
    .returning({ channelId: subscriptions.channelId });
  return deleted.length > 0;
}

/** The viewer's subscription to a live channel, with the channel. */
export async function findSubscription(
  db: Queryable,
  row: { tenantId: string; viewerId: string; channelId: string },
) {
  const [found] = await db
    .select({ subscription: subscriptions, channel: channels })
    .from(subscriptions)
    .innerJoin(channels, eq(channels.id, subscriptions.channelId))
    .where(
      and(
        eq(subscriptions.tenantId, row.tenantId),
        eq(subscriptions.viewerId, row.viewerId),
        eq(subscriptions.channelId, row.channelId),
        live,
      ),
    );
  return found;
}

/** The viewer's subscriptions to live channels, newest first, keyed by (created_at, channel). */
export async function listSubscriptions(
  db: Queryable,
  tenantId: string,
  viewerId: string,
  after: ListPosition | undefined,
  limit: number,
) {
  return db
    .select({ subscription: subscriptions, channel: channels })
    .from(subscriptions)
    .innerJoin(channels, eq(channels.id, subscriptions.channelId))
    .where(
      and(
        eq(subscriptions.tenantId, tenantId),
        eq(subscriptions.viewerId, viewerId),
        live,
        newerThan(subscriptions, subscriptions.channelId, after),
      ),
    )
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.channelId))
    .limit(limit);
}

/**
 * Gives a live channel of the tenant a new avatar id (null: none) and answers the channel with
 * the id it had before, whose objects are then garbage; undefined if there is no such channel.
 */
export async function replaceAvatar(
  db: Queryable,
  tenantId: string,
  channelId: string,
  avatarId: string | null,
) {
  return db.transaction(async (tx) => {
    const [held] = await tx
      .select({ previous: channels.avatarId })
      .from(channels)
      .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId), live))
      .for('update');
    if (!held) return undefined;
    const [channel] = await tx
      .update(channels)
      .set({ avatarId, updatedAt: new Date() })
      .where(eq(channels.id, channelId))
      .returning();
    return channel && { channel, previous: held.previous };
  });
}

/** Channels whose last change the search index has not had yet, deleted ones included. */
export async function unindexedChannels(db: Queryable, limit: number) {
  return db
    .select()
    .from(channels)
    .where(sql`${channels.searchIndexedAt} is distinct from ${channels.updatedAt}`)
    .orderBy(channels.updatedAt)
    .limit(limit);
}

/** Records what the index got; a channel changed since keeps its newer `updated_at` to send. */
export async function markChannelsIndexed(
  db: Queryable,
  sent: readonly { id: string; updatedAt: Date }[],
) {
  for (const { id, updatedAt } of sent) {
    await db
      .update(channels)
      .set({ searchIndexedAt: sql`${channels.updatedAt}` })
      // Compared in milliseconds, as the Date read back carries them.
      .where(
        and(
          eq(channels.id, id),
          sql`date_trunc('milliseconds', ${channels.updatedAt}) = ${updatedAt.toISOString()}::timestamptz`,
        ),
      );
  }
}

/** The tenant's live channels among `channelIds`, in that order (the search index's ranking). */
export async function findChannelsInOrder(
  db: Queryable,
  tenantId: string,
  channelIds: readonly string[],
) {
  if (channelIds.length === 0) return [];
  const rows = await db
    .select()
    .from(channels)
    .where(and(inArray(channels.id, [...channelIds]), eq(channels.tenantId, tenantId), live));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return channelIds.flatMap((id) => byId.get(id) ?? []);
}
