import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Mp4Support } from '../domain/downloads.js';
import type { LiveStreamStatus } from '../domain/live-stream-status.js';
import type { NotificationKind } from '../domain/notification-kinds.js';
import type { GeoRestriction } from '../domain/playback-restrictions.js';
import type { RecordedStage, StageDetail } from '../domain/processing-stages.js';
import type { QuotaName } from '../domain/quotas.js';
import type { ReportReason, ReportState } from '../domain/report-state.js';
import type { ApiKeyScope } from '../domain/scopes.js';
import type { UploadStatus } from '../domain/upload-state.js';
import type { StatusBeforeTakedown, TakedownReason, VideoStatus } from '../domain/video-status.js';
import type { ViewerErasureStatus } from '../domain/viewer-erasure.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    /** The operator's limits (`domain/quotas.ts`); a missing one is no limit. */
    quotas: jsonb('quotas').$type<Partial<Record<QuotaName, number>>>().notNull().default({}),
  },
  (t) => [index('tenants_created_idx').on(t.createdAt.desc(), t.id.desc())],
);

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  keyHash: text('key_hash').notNull().unique(),
  name: text('name').notNull().default('default'),
  scope: text('scope').$type<ApiKeyScope>().notNull().default('full'),
  /** The secret's first characters, to tell keys apart in lists. */
  prefix: text('prefix').notNull().default(''),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Public halves of tenants' playback/viewer token keys; the private halves stay with tenants. */
export const signingKeys = pgTable('signing_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  algorithm: text('algorithm').$type<'ES256' | 'RS256'>().notNull(),
  publicKey: text('public_key').notNull(),
  createdAt: createdAt(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export const videos = pgTable(
  'videos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    status: text('status').$type<VideoStatus>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    visibility: text('visibility')
      .$type<'public' | 'unlisted' | 'private'>()
      .notNull()
      .default('public'),
    category: text('category'),
    language: text('language'),
    playbackPolicy: text('playback_policy')
      .$type<'public' | 'signed'>()
      .notNull()
      .default('public'),
    autoPublish: boolean('auto_publish').notNull().default(true),
    /** Normalise the audio to EBU R128 loudness when transcoding. */
    normalizeAudio: boolean('normalize_audio').notNull().default(false),
    /** Which progressive MP4 downloads to make once the video is ready. */
    mp4Support: text('mp4_support').$type<Mp4Support>().notNull().default('none'),
    durationSec: real('duration_sec'),
    width: integer('width'),
    height: integer('height'),
    hasAudio: boolean('has_audio'),
    originalKey: text('original_key').notNull(),
    manifestKey: text('manifest_key'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** Set while the video is `taken_down`: why, the notice behind it, and when. */
    takedownReason: text('takedown_reason').$type<TakedownReason>(),
    takedownNotice: text('takedown_notice'),
    takenDownAt: timestamp('taken_down_at', { withTimezone: true }),
    /** The status a restore gives back (what the encode made of a video taken down mid-encode). */
    statusBeforeTakedown: text('status_before_takedown').$type<StatusBeforeTakedown>(),
    /** The viewer's minimum age: playback needs a token that says it was verified. */
    ageRestriction: integer('age_restriction'),
    /** Where it plays: `{allow: [...]}` or `{deny: [...]}`. */
    geo: jsonb('geo').$type<GeoRestriction>(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The channel it was published on, if any. */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    likeCount: bigint('like_count', { mode: 'number' }).notNull().default(0),
    commentCount: bigint('comment_count', { mode: 'number' }).notNull().default(0),
    commentsPolicy: text('comments_policy')
      .$type<'enabled' | 'disabled' | 'held'>()
      .notNull()
      .default('enabled'),
    /** Views counted by `POST /v1/videos/{id}/views`. */
    viewCount: bigint('view_count', { mode: 'number' }).notNull().default(0),
    /** The count the search index last received; the index role sends the difference. */
    viewsIndexed: bigint('views_indexed', { mode: 'number' }).notNull().default(0),
    /** Webhook events emitted so far: each new one takes the next number as its `sequence`. */
    webhookEvents: integer('webhook_events').notNull().default(0),
    /**
     * Embedded search: title weighs most (A), then tags (B), then description (C). The 'simple'
     * configuration neither stems nor drops stop words, since tenants' videos come in any
     * language and a one-letter title must still be found.
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(jsonb_to_tsvector('simple'::regconfig, tags, '["string"]'), 'B') || setweight(to_tsvector('simple'::regconfig, description), 'C')`,
    ),
  },
  (t) => [
    index('videos_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('videos_status_idx').on(t.status),
    index('videos_search_idx').using('gin', t.searchVector),
    index('videos_searchable_idx')
      .on(t.tenantId, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'ready' and visibility = 'public' and deleted_at is null`),
    index('videos_views_unindexed_idx').on(t.id).where(sql`view_count <> views_indexed`),
    // A channel's newest public videos: one short index scan per subscription builds a feed.
    index('videos_channel_feed_idx')
      .on(t.tenantId, t.channelId, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'ready' and visibility = 'public' and deleted_at is null`),
  ],
);

export const videoRenditions = pgTable(
  'video_renditions',
  {
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    renditionId: text('rendition_id').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bitrateKbps: integer('bitrate_kbps').notNull(),
    codecs: text('codecs').notNull(),
    playlistKey: text('playlist_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.renditionId] })],
);

export const thumbnails = pgTable(
  'thumbnails',
  {
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    size: text('size').notNull(),
    key: text('key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.size] })],
);

export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    status: text('status').$type<UploadStatus>().notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    partSize: integer('part_size').notNull(),
    partCount: integer('part_count').notNull(),
    multipartId: text('multipart_id').notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** A complete request is assembling and hashing the file until then (outside any lock). */
    completingUntil: timestamp('completing_until', { withTimezone: true }),
  },
  (t) => [
    index('uploads_tenant_idx').on(t.tenantId),
    // The expiry sweeper's scan: only pending uploads can expire.
    index('uploads_pending_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Events written in the same transaction as the change they announce. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull().unique().defaultRandom(),
    topic: text('topic').notNull(),
    key: text('key').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    traceContext: jsonb('trace_context').$type<Record<string, string>>(),
    createdAt: createdAt(),
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
  },
  (t) => [index('outbox_unrelayed_idx').on(t.id).where(sql`relayed_at is null`)],
);

/** The embedded event bus: one row per event per consumer group, leased with SKIP LOCKED. */
export const queueJobs = pgTable(
  'queue_jobs',
  {
    groupName: text('group_name').notNull(),
    eventId: uuid('event_id').notNull(),
    topic: text('topic').notNull(),
    key: text('key').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    emittedAt: timestamp('emitted_at', { withTimezone: true }).notNull(),
    traceContext: jsonb('trace_context').$type<Record<string, string>>(),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.groupName, t.eventId] }),
    index('queue_jobs_ready_idx')
      .on(t.groupName, t.availableAt)
      .where(sql`done_at is null and dead_at is null`),
  ],
);

/** A tenant's webhook receivers; secrets are kept to sign (Standard Webhooks needs the key). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    eventTypes: jsonb('event_types').$type<string[]>().notNull().default([]),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc())],
);

/** One delivery per endpoint per event, retried on a schedule; each try is an attempt row. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The exact JSON sent, so a resend signs the same bytes. */
    body: text('body').notNull(),
    status: text('status').$type<'pending' | 'succeeded' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    traceContext: jsonb('trace_context').$type<Record<string, string>>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once_idx').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    at: createdAt(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/**
 * Idempotency keys (Stripe's semantics): written in the same transaction as the request's
 * effects, so a retry after a crash replays the stored answer instead of acting twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    key: text('key').notNull(),
    /** Method, route and body, hashed: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

/**
 * Events a consumer group has handled on a bus that may redeliver (Kafka): a redelivered event
 * finds its row and has no second effect. Old rows can be pruned once past the topics' retention.
 */
export const processedEvents = pgTable(
  'processed_events',
  {
    groupName: text('group_name').notNull(),
    eventId: uuid('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupName, t.eventId] }),
    index('processed_events_at_idx').on(t.processedAt),
  ],
);

// The viewers' side: viewers are the tenants' own users, known to Reel only by the id a viewer
// token carries (`sub`), so `*_viewer_id` columns are text, never a foreign key.

export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Unique per tenant, compared lower-cased. */
    handle: text('handle').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerViewerId: text('owner_viewer_id'),
    subscriberCount: bigint('subscriber_count', { mode: 'number' }).notNull().default(0),
    /** Webhook events emitted so far: each new one takes the next number as its `sequence`. */
    webhookEvents: integer('webhook_events').notNull().default(0),
    /** Names the stored avatar renditions; each upload gets a new one, so URLs never go stale. */
    avatarId: uuid('avatar_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** The `updated_at` the search index last got; behind it, the index role sends the channel again. */
    searchIndexedAt: timestamp('search_indexed_at', { withTimezone: true }),
    /** Postgres full-text search over the handle and title (A) and the description (C). */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, handle), 'A') || setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, description), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex('channels_handle_idx')
      .on(t.tenantId, sql`lower(${t.handle})`)
      .where(sql`deleted_at is null`),
    index('channels_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('channels_search_idx').using('gin', t.searchVector),
    index('channels_search_unindexed_idx')
      .on(t.updatedAt)
      .where(sql`search_indexed_at is distinct from updated_at`),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.viewerId, t.channelId] }),
    index('subscriptions_viewer_idx').on(t.tenantId, t.viewerId, t.createdAt.desc()),
    index('subscriptions_channel_idx').on(t.channelId),
    // A channel's fan-out walks its subscribers in viewer order, a chunk at a time.
    index('subscriptions_channel_viewer_idx').on(t.channelId, t.viewerId),
  ],
);

export const videoLikes = pgTable(
  'video_likes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.videoId, t.viewerId] }),
    index('video_likes_video_idx').on(t.videoId),
    index('video_likes_viewer_idx').on(t.tenantId, t.viewerId),
  ],
);

export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    /** The top-level comment of the thread; its own id for a top-level comment. */
    threadId: uuid('thread_id').notNull(),
    /** The comment this one answers (top-level: null). */
    parentId: uuid('parent_id'),
    authorViewerId: text('author_viewer_id').notNull(),
    /** Whom a reply answers, when it answers a reply. */
    replyToViewerId: text('reply_to_viewer_id'),
    text: text('text').notNull(),
    state: text('state').$type<'published' | 'held' | 'rejected' | 'deleted'>().notNull(),
    replyCount: integer('reply_count').notNull().default(0),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [
    index('comments_video_top_idx')
      .on(t.videoId, t.createdAt.desc(), t.id.desc())
      .where(sql`parent_id is null`),
    index('comments_thread_idx').on(t.threadId, t.createdAt, t.id),
    index('comments_author_idx').on(t.tenantId, t.authorViewerId),
    index('comments_reply_to_idx')
      .on(t.tenantId, t.replyToViewerId)
      .where(sql`reply_to_viewer_id is not null`),
    index('comments_held_idx').on(t.tenantId, t.createdAt).where(sql`state = 'held'`),
  ],
);

/** Viewers a tenant banned from commenting on its videos. */
export const commentBans = pgTable(
  'comment_bans',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.viewerId] })],
);

/** Viewers' reports on a video or a comment; one open report per viewer per item. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    targetKind: text('target_kind').$type<'video' | 'comment'>().notNull(),
    /** The video or the comment reported. */
    targetId: uuid('target_id').notNull(),
    /** The video reported, or the reported comment's. */
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    reporterViewerId: text('reporter_viewer_id').notNull(),
    reason: text('reason').$type<ReportReason>().notNull(),
    text: text('text'),
    atSec: real('at_sec'),
    state: text('state').$type<ReportState>().notNull().default('open'),
    reply: text('reply'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reports_open_per_viewer_idx')
      .on(t.tenantId, t.reporterViewerId, t.targetId)
      .where(sql`state = 'open'`),
    index('reports_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('reports_video_idx').on(t.videoId),
    index('reports_reporter_idx').on(t.tenantId, t.reporterViewerId),
  ],
);

/** GDPR/CCPA erasures of one viewer (migration 0024); at most one not yet done per viewer. */
export const viewerErasures = pgTable(
  'viewer_erasures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    status: text('status').$type<ViewerErasureStatus>().notNull().default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('viewer_erasures_open_idx').on(t.tenantId, t.viewerId).where(sql`status <> 'done'`),
    index('viewer_erasures_viewer_idx').on(t.tenantId, t.viewerId, t.requestedAt.desc()),
    index('viewer_erasures_queue_idx').on(t.requestedAt).where(sql`status <> 'done'`),
  ],
);

export const playlists = pgTable(
  'playlists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ownerViewerId: text('owner_viewer_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    visibility: text('visibility').$type<'public' | 'unlisted' | 'private'>().notNull(),
    /** The built-in "watch later" list: one per viewer. */
    watchLater: boolean('watch_later').notNull().default(false),
    itemCount: integer('item_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('playlists_owner_idx').on(t.tenantId, t.ownerViewerId, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('playlists_watch_later_idx')
      .on(t.tenantId, t.ownerViewerId)
      .where(sql`watch_later`),
  ],
);

export const playlistItems = pgTable(
  'playlist_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    playlistId: uuid('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    /** Dense: 0, 1, 2… in the playlist's order. */
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('playlist_items_position_idx').on(t.playlistId, t.position),
    uniqueIndex('playlist_items_video_idx').on(t.playlistId, t.videoId),
  ],
);

/**
 * One row per viewer and video: where they stopped. `session_id`/`seq` is the watermark of the
 * last report applied, and `updated_at` when Reel received it; a removed entry stays as a
 * tombstone (`removed`, no session) so reports sent before the removal cannot bring it back.
 */
export const watchHistory = pgTable(
  'watch_history',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    positionSec: real('position_sec').notNull().default(0),
    finished: boolean('finished').notNull().default(false),
    removed: boolean('removed').notNull().default(false),
    sessionId: text('session_id'),
    seq: integer('seq'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.viewerId, t.videoId] }),
    index('watch_history_viewer_idx')
      .on(t.tenantId, t.viewerId, t.updatedAt.desc(), t.videoId.desc())
      .where(sql`not removed`),
  ],
);

/**
 * A viewer's history settings; no row means recording. Reports received before `cleared_at`
 * (the last clear) are stale and build nothing.
 */
export const watchHistorySettings = pgTable(
  'watch_history_settings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    paused: boolean('paused').notNull().default(false),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.viewerId] })],
);

export const notifications = pgTable(
  'notifications',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The event that made it: a redelivered event makes no second row for the viewer. */
    sourceEventId: uuid('source_event_id').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.viewerId, t.id] }),
    uniqueIndex('notifications_source_idx').on(t.tenantId, t.viewerId, t.sourceEventId),
    index('notifications_viewer_idx').on(t.tenantId, t.viewerId, t.createdAt.desc(), t.id.desc()),
    // Unread listing and read-all touch only the unread rows.
    index('notifications_unread_idx')
      .on(t.tenantId, t.viewerId, t.createdAt.desc(), t.id.desc())
      .where(sql`read_at is null`),
    // Pruning: everything past the long retention, read ones past the short one.
    index('notifications_created_idx').on(t.createdAt),
    index('notifications_read_idx').on(t.readAt).where(sql`read_at is not null`),
  ],
);

export const notificationSettings = pgTable(
  'notification_settings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    viewerId: text('viewer_id').notNull(),
    kind: text('kind').$type<NotificationKind>().notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.viewerId, t.kind] })],
);

/** A channel's fan-out of one published video, walked in chunks; `after` is how far it got. */
export const notificationFanouts = pgTable(
  'notification_fanouts',
  {
    sourceEventId: uuid('source_event_id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    channelId: uuid('channel_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    afterViewerId: text('after_viewer_id'),
    createdAt: createdAt(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('notification_fanouts_pending_idx').on(t.createdAt).where(sql`done_at is null`)],
);

/**
 * A kept report: seq, event, position, when played, and (migration 0034) the position a seek
 * left and the rendition, where the player sent them.
 */
type StoredReport =
  | [number, string, number, number]
  | [number, string, number, number, number | null, string | null];

/**
 * One playback session as analytics reads it (migration 0020): its reports (one per `seq`)
 * and the figures they give, which the rollups hold summed.
 */
export const analyticsSessions = pgTable(
  'analytics_sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    sessionId: text('session_id').notNull(),
    videoId: uuid('video_id').notNull(),
    channelId: uuid('channel_id'),
    viewerKey: text('viewer_key').notNull(),
    country: text('country').notNull().default(''),
    device: text('device').notNull().default(''),
    browser: text('browser').notNull().default(''),
    os: text('os').notNull().default(''),
    referrer: text('referrer').notNull().default(''),
    playbackPolicy: text('playback_policy').notNull().default(''),
    rendition: text('rendition').notNull().default(''),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    watchTimeSec: doublePrecision('watch_time_sec').notNull().default(0),
    engaged: boolean('engaged').notNull().default(false),
    completed: boolean('completed').notNull().default(false),
    covered: text('covered').notNull(),
    reports: jsonb('reports').notNull().$type<StoredReport[]>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sessionId] }),
    // Ends and viewers ride along so unique viewers and peak concurrency are index-only reads.
    index('analytics_sessions_video_idx').on(
      t.tenantId,
      t.videoId,
      t.startedAt,
      t.endedAt,
      t.viewerKey,
    ),
    index('analytics_sessions_channel_idx').on(
      t.tenantId,
      t.channelId,
      t.startedAt,
      t.endedAt,
      t.viewerKey,
    ),
    index('analytics_sessions_tenant_idx').on(t.tenantId, t.startedAt, t.endedAt, t.viewerKey),
    index('analytics_sessions_started_idx').on(t.startedAt),
    index('analytics_sessions_viewer_key_idx').on(t.tenantId, t.viewerKey),
  ],
);

const rollupColumns = () => ({
  tenantId: uuid('tenant_id').notNull(),
  videoId: uuid('video_id').notNull(),
  bucket: timestamp('bucket', { withTimezone: true }).notNull(),
  country: text('country').notNull(),
  device: text('device').notNull(),
  browser: text('browser').notNull(),
  os: text('os').notNull(),
  referrer: text('referrer').notNull(),
  playbackPolicy: text('playback_policy').notNull().default(''),
  rendition: text('rendition').notNull().default(''),
  channelId: uuid('channel_id'),
  views: integer('views').notNull().default(0),
  engagedViews: integer('engaged_views').notNull().default(0),
  completedViews: integer('completed_views').notNull().default(0),
  watchTimeSec: doublePrecision('watch_time_sec').notNull().default(0),
  /** For each 1 % of the duration, the sessions that played that point. */
  retention: integer('retention').array().notNull().default(sql`'{}'`),
});

/** The dimension columns every rollup is keyed by, after its tenant, video and bucket. */
const dimensionKey = (
  t: Record<
    'country' | 'device' | 'browser' | 'os' | 'referrer' | 'playbackPolicy' | 'rendition',
    AnyPgColumn
  >,
) => [t.country, t.device, t.browser, t.os, t.referrer, t.playbackPolicy, t.rendition];

/** Sessions summed per video, hour and dimensions; kept 90 days. */
export const analyticsHourly = pgTable('analytics_hourly', rollupColumns(), (t) => [
  primaryKey({
    name: 'analytics_hourly_pk',
    columns: [t.tenantId, t.videoId, t.bucket, ...dimensionKey(t)],
  }),
  index('analytics_hourly_channel_idx').on(t.tenantId, t.channelId, t.bucket),
  index('analytics_hourly_tenant_idx').on(t.tenantId, t.bucket),
  index('analytics_hourly_bucket_idx').on(t.bucket),
]);

/** The same per UTC day; kept 2 years. */
export const analyticsDaily = pgTable('analytics_daily', rollupColumns(), (t) => [
  primaryKey({
    name: 'analytics_daily_pk',
    columns: [t.tenantId, t.videoId, t.bucket, ...dimensionKey(t)],
  }),
  index('analytics_daily_channel_idx').on(t.tenantId, t.channelId, t.bucket),
  index('analytics_daily_tenant_idx').on(t.tenantId, t.bucket),
  index('analytics_daily_bucket_idx').on(t.bucket),
]);

const tenantRollupColumns = () => {
  const { videoId: _video, channelId: _channel, ...columns } = rollupColumns();
  return columns;
};

/** The hourly sums without the video: what the overview reads. Kept 90 days. */
export const analyticsTenantHourly = pgTable(
  'analytics_tenant_hourly',
  tenantRollupColumns(),
  (t) => [
    primaryKey({
      name: 'analytics_tenant_hourly_pk',
      columns: [t.tenantId, t.bucket, ...dimensionKey(t)],
    }),
    index('analytics_tenant_hourly_bucket_idx').on(t.bucket),
  ],
);

/** The daily sums without the video. Kept 2 years. */
export const analyticsTenantDaily = pgTable(
  'analytics_tenant_daily',
  tenantRollupColumns(),
  (t) => [
    primaryKey({
      name: 'analytics_tenant_daily_pk',
      columns: [t.tenantId, t.bucket, ...dimensionKey(t)],
    }),
    index('analytics_tenant_daily_bucket_idx').on(t.bucket),
  ],
);

/**
 * The processing stages the transcode path went through, one row per stage (a retry starts its
 * stage over), so `GET /v1/videos/{id}/timeline` can say where the time went.
 */
export const videoStages = pgTable(
  'video_stages',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    stage: text('stage').$type<RecordedStage>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Encoding: percent done and seconds encoded per second. */
    progress: real('progress'),
    speed: real('speed'),
    /** Probed: what ffprobe found. Failed: the reason. */
    detail: jsonb('detail').$type<StageDetail>(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.stage] })],
);

/** Changes made with an API key or the operator token, hash-chained in `seq` order. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    /** The tenant the change belongs to; null for operator changes of no one tenant. */
    tenantId: uuid('tenant_id'),
    actorKind: text('actor_kind').$type<'api_key' | 'operator'>().notNull(),
    actorId: text('actor_id').notNull(),
    operation: text('operation').notNull(),
    resource: text('resource').notNull(),
    /** JSON text, hashed as stored. */
    changes: text('changes').notNull(),
    requestId: text('request_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_tenant_idx').on(t.tenantId, t.seq.desc())],
);

/**
 * Blocklists: SHA-256 hashes of media whose uploads fail with `blocked_content`. A tenant's, or
 * the operator's for every tenant (`tenantId` null).
 */
export const blockedMedia = pgTable(
  'blocked_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    sha256: text('sha256').notNull(),
    reason: text('reason').$type<ReportReason>().notNull(),
    note: text('note'),
    /** The video the entry was made from, and its frame hashes (domain/perceptual-fingerprint). */
    videoId: uuid('video_id'),
    frameHashes: bytea('frame_hashes'),
    createdAt: createdAt(),
  },
  (t) => [
    index('blocked_media_fingerprinted_idx').on(t.tenantId).where(sql`frame_hashes IS NOT NULL`),
    uniqueIndex('blocked_media_tenant_sha256_idx').on(t.tenantId, t.sha256),
    uniqueIndex('blocked_media_operator_sha256_idx').on(t.sha256).where(sql`tenant_id IS NULL`),
    index('blocked_media_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** Each transcoded video's perceptual fingerprint, matched against fingerprinted blocklist entries. */
export const videoFingerprints = pgTable('video_fingerprints', {
  videoId: uuid('video_id')
    .primaryKey()
    .references(() => videos.id, { onDelete: 'cascade' }),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  frameHashes: bytea('frame_hashes').notNull(),
  createdAt: createdAt(),
});
export const videoCaptions = pgTable(
  'video_captions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    label: text('label').notNull(),
    kind: text('kind').$type<'subtitles' | 'captions'>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    sourceFormat: text('source_format').$type<'vtt' | 'srt'>().notNull(),
    cueCount: integer('cue_count').notNull(),
    durationSec: doublePrecision('duration_sec').notNull(),
    objectKey: text('object_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('video_captions_video_created_idx').on(t.videoId, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('video_captions_one_default_idx').on(t.videoId).where(sql`is_default`),
  ],
);

/** The MP4 downloads made of a video (`name`: a rendition id or `highest`). */
export const videoDownloads = pgTable(
  'video_downloads',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    videoId: uuid('video_id')
      .notNull()
      .references(() => videos.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    objectKey: text('object_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.name] })],
);

export const liveStreams = pgTable(
  'live_streams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    title: text('title').notNull(),
    /** Written only by `app/live-streams/transition-live-stream.ts`. */
    status: text('status').$type<LiveStreamStatus>().notNull().default('idle'),
    latency: text('latency').$type<'low' | 'standard'>().notNull().default('low'),
    channelId: uuid('channel_id').references(() => channels.id),
    /** The sha256 of the stream key; the key itself is shown once. */
    streamKeyHash: text('stream_key_hash').notNull(),
    /** Webhook events emitted so far: each new one takes the next number as its `sequence`. */
    webhookEvents: integer('webhook_events').notNull().default(0),
    /** When the publisher left; the reconnect window runs from here. */
    idleSince: timestamp('idle_since', { withTimezone: true }),
    /** Each ended session becomes a video (`app/live-streams/record-live-session.ts`). */
    record: boolean('record').notNull().default(false),
    recordingVideoId: uuid('recording_video_id').references(() => videos.id, {
      onDelete: 'set null',
    }),
    /** When the current (or last) session began: chat messages count their `at_sec` from it. */
    sessionStartedAt: timestamp('session_started_at', { withTimezone: true }),
    /** `signed`: the manifest, playlists and media need a playback token, as a signed video's do. */
    playbackPolicy: text('playback_policy')
      .$type<'public' | 'signed'>()
      .notNull()
      .default('public'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('live_streams_stream_key_hash_idx').on(t.streamKeyHash),
    index('live_streams_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    check('live_streams_playback_policy_check', sql`${t.playbackPolicy} IN ('public', 'signed')`),
  ],
);

/** Viewers' messages in a live stream's chat, in posting order (`seq`). */
export const liveChatMessages = pgTable(
  'live_chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    liveStreamId: uuid('live_stream_id')
      .notNull()
      .references(() => liveStreams.id, { onDelete: 'cascade' }),
    viewerId: text('viewer_id').notNull(),
    text: text('text').notNull(),
    /** Seconds into the stream's session when posted; null before any session. */
    atSec: doublePrecision('at_sec'),
    /** The recorded session's video, once there is one, and the offset into it. */
    recordingVideoId: uuid('recording_video_id').references(() => videos.id, {
      onDelete: 'set null',
    }),
    recordingAtSec: doublePrecision('recording_at_sec'),
    /** Kept so a stream catching up skips it; every list leaves it out. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('live_chat_messages_stream_seq_idx').on(t.liveStreamId, t.seq),
    index('live_chat_messages_recording_idx').on(t.recordingVideoId, t.seq),
    index('live_chat_messages_viewer_idx').on(t.tenantId, t.viewerId),
  ],
);
